package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.local.LocalSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's smoke test (deploy/smoke-test.sh, the last step of docs/deploy.md) against the running system, as
 * an operator runs it after a deployment: through the gateway only, the confirmation link and the e-mail read from
 * the SES stand-in's mailbox.
 */
@ExtendWith(RunningSystem.class)
class SmokeTestScriptIT {

    @Test
    void theDeploymentSmokeTestRegistersUploadsAndReceivesTheEmailAndTheZip() throws Exception {
        LocalSystem system = RunningSystem.system();
        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();
        Path clip = new TestVideos(Journeys.workDir().resolve("videos")).mp4("smoke-clip", 3);
        Path log = Files.createTempFile(Files.createDirectories(Journeys.workDir()), "smoke-test-", ".log");
        String email = "smoke-" + UUID.randomUUID() + "@example.com";

        ProcessBuilder builder = new ProcessBuilder(List.of("bash", root.resolve("deploy/smoke-test.sh").toString(),
                system.gateway().toString(), email, clip.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("SMOKE_MAILBOX", system.sentEmailsJson().toString());
        builder.environment().put("SMOKE_TIMEOUT", "240");
        Process smoke = builder.start();
        boolean finished = smoke.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            smoke.destroyForcibly().waitFor();
        }

        assertThat(finished).as("the smoke test finished within 5 minutes:\n%s", read(log)).isTrue();
        assertThat(smoke.exitValue()).as(read(log)).isZero();
        assertThat(read(log)).contains("SMOKE TEST PASSED: " + email);
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log);
    }
}
