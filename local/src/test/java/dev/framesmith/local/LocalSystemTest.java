package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.emulators.client.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher refuses to start, before anything is started, and when it does not. */
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

    @Test
    void freePortsAreChosenWhereNoOutgoingConnectionCanTakeThemBeforeTheServiceListens() throws Exception {
        int ephemeralStart = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);

        assertThat(LocalSystem.portOrFree(0)).isLessThan(ephemeralStart);
        assertThat(LocalSystem.portOrFree(ephemeralStart + 1)).as("a port asked for").isEqualTo(ephemeralStart + 1);
    }

    @Test
    void aPortHeldOnlyByConnectionsInTimeWaitIsFree() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            for (int i = 0; i < 3; i++) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
                        Socket accepted = listener.accept()) {
                    // The listening side closes first, so its end of the connection waits in TIME-WAIT on the port,
                    // as a service's connections do after a stop.
                    accepted.close();
                    client.getInputStream().read();
                }
            }
        }
        assertThat(timeWaitOn(port)).as("connections in TIME-WAIT on port %d", port).isPositive();

        assertThat(FreePorts.isFree(port)).isTrue();
        try (ServerSocket listening = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree(port)).as("a port something listens on").isFalse();
        }
    }

    /** Lines of /proc/net/tcp and tcp6 in state TIME_WAIT (06) whose local port is {@code port}. */
    private static long timeWaitOn(int port) throws IOException {
        String local = String.format(":%04X ", port);
        long count = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try (var lines = Files.lines(Path.of(table))) {
                count += lines.map(String::trim)
                        .map(line -> line.split("\\s+"))
                        .filter(fields -> fields.length > 3 && (fields[1] + " ").endsWith(local)
                                && fields[3].equals("06"))
                        .count();
            }
        }
        return count;
    }
}
