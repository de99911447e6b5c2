package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void defaultsAreTheDocumentedPortsAndTheFramesmithDirectoryUnderTheRoot() {
        LocalOptions options = LocalOptions.defaults(Path.of("/repo"));

        assertThat(options.ports()).isEqualTo(new LocalPorts(8080, 8081, 8082, 8083, 8084, 9711, 9712, 9713, 9714,
                9715));
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.framesmith"));
        assertThat(options.wipe()).isFalse();
        assertThat(options.heap()).isEqualTo("384m");
        assertThat(options.monitoring()).isFalse();
        assertThat(options.serviceJar("ms-video")).isEqualTo(Path.of("/repo/ms-video/target/ms-video.jar"));
        assertThat(options.emulatorsJar())
                .isEqualTo(Path.of("/repo/emulators/server/target/framesmith-emulators.jar"));
    }

    @Test
    void parsesEveryOption() {
        LocalOptions options = LocalOptions.parse("--port", "9090", "--wipe", "--data-dir", "/tmp/fs",
                "--auth-port", "7001", "--video-port", "7002", "--notify-port", "7003", "--worker-port", "7004",
                "--timeout", "120", "--heap", "512m", "--monitoring");

        assertThat(options.ports().gateway()).isEqualTo(9090);
        assertThat(options.ports().auth()).isEqualTo(7001);
        assertThat(options.ports().video()).isEqualTo(7002);
        assertThat(options.ports().notifications()).isEqualTo(7003);
        assertThat(options.ports().worker()).isEqualTo(7004);
        assertThat(options.wipe()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/fs"));
        assertThat(options.readyWithin()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.heap()).isEqualTo("512m");
        assertThat(options.monitoring()).isTrue();
    }

    @Test
    void freePortsLeavesOnlyAnExplicitGatewayPortFixed() {
        assertThat(LocalOptions.parse("--free-ports").ports()).isEqualTo(LocalPorts.free());
        assertThat(LocalOptions.parse("--port", "8181", "--free-ports").ports())
                .isEqualTo(LocalPorts.free().withGateway(8181));
    }

    @Test
    void rejectsUnknownOptionsAndBadValues() {
        assertThatThrownBy(() -> LocalOptions.parse("--prot", "1")).hasMessageContaining("unknown option '--prot'");
        assertThatThrownBy(() -> LocalOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "http")).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "70000")).hasMessageContaining("port out of range");
        assertThatThrownBy(() -> LocalOptions.parse("--timeout", "0")).hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> LocalOptions.parse("--heap", "-Xmx1g")).hasMessageContaining("heap must look like");
    }

    @Test
    void theRootIsFoundFromTheCompiledClasses() {
        assertThat(LocalOptions.defaultRoot().resolve("local/pom.xml")).exists();
    }
}
