package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher refuses to start, before anything is started. */
class LocalSystemTest {

    @TempDir
    Path root;

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void saysHowToBuildWhenTheJarsAreMissingAndReleasesItsDirectory() {
        LocalOptions options = LocalOptions.defaults(root).withPorts(LocalPorts.free());

        assertThatThrownBy(() -> LocalSystem.start(options, out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("framesmith-emulators.jar")
                .hasMessageContaining("build it with");
        RunDirectory.open(options.dataDir(), false).close();
    }

    @Test
    void namesThePortThatIsTakenAndTheOptionToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            LocalOptions options = LocalOptions.defaults(root)
                    .withPorts(LocalPorts.free().withGateway(taken.getLocalPort()));

            assertThatThrownBy(() -> LocalSystem.start(options, out))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + taken.getLocalPort() + " for the gateway (--port) is in use: stop what uses"
                            + " it, choose another port, or pass --free-ports");
        }
    }
}
