package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher as the README's command runs it ({@code java -jar local/target/framesmith-local.jar}): it
 * prints where everything is once ready, serves the page, and on a stop signal (what Ctrl-C sends) stops every process
 * it started.
 */
class OneCommandIT {

    private static final Pattern PAGE = Pattern.compile("Web page\\s+(http://\\S+)");
    private static final Pattern TRACES = Pattern.compile("Traces\\s+(http://\\S+)");

    @Test
    void startsPrintsWhereEverythingIsAndLeavesNoProcessBehindWhenStopped() throws Exception {
        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("local/target/framesmith-local.jar");
        assertThat(jar).as("the packaged launcher").exists();
        Path work = Journeys.workDir().resolve("one-command");
        Files.createDirectories(work);
        Path output = work.resolve("output.txt");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--free-ports", "--wipe", "--data-dir", work.resolve("run").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await("the launcher says it is ready").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(launcher.isAlive()).as("launcher running; output:%n%s", read(output)).isTrue();
                        return read(output).contains("Press Ctrl-C to stop everything.");
                    });
            String banner = read(output);
            assertThat(banner).contains("Framesmith is ready", "API docs", "ms-auth", "ms-video", "Sent e-mails",
                    "Logs", "Data", "--wipe");
            Matcher page = PAGE.matcher(banner);
            assertThat(page.find()).as("the page URL in %s", banner).isTrue();
            URI home = URI.create(page.group(1));

            HttpClient http = HttpClient.newHttpClient();
            var index = http.send(HttpRequest.newBuilder(home).build(), BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(index.body()).contains("<title>Framesmith", "assets/app.js");
            assertThat(http.send(HttpRequest.newBuilder(home.resolve("/assets/app.js")).build(),
                    BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            Matcher traces = TRACES.matcher(banner);
            assertThat(traces.find()).as("the trace UI's URL in %s", banner).isTrue();
            var traceUi = http.send(HttpRequest.newBuilder(URI.create(traces.group(1))).build(),
                    BodyHandlers.ofString());
            assertThat(traceUi.statusCode()).as("the trace UI").isEqualTo(200);
            assertThat(traceUi.body()).containsIgnoringCase("zipkin");
            List<ProcessHandle> started = launcher.descendants().toList();
            assertThat(started).as("the emulator kit and four services").hasSizeGreaterThanOrEqualTo(5);

            launcher.destroy();

            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launcher stopped").isTrue();
            await("every process it started is gone").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(started).noneMatch(ProcessHandle::isAlive));
            assertThat(read(output)).contains("Stopping Framesmith ...", "Stopped.");
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
