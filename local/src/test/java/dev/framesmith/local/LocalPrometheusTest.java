package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPrometheusTest {

    /** Prometheus's own checker ({@code promtool}, Debian package prometheus) accepts the config and its rules. */
    @Test
    void theConfigScrapesEveryServiceAndTheQueueSeriesByJobNameWithTheClusterRules(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();
        Map<String, URI> targets = new LinkedHashMap<>();
        targets.put("ms-auth", URI.create("http://127.0.0.1:41001"));
        targets.put("video-worker", URI.create("http://127.0.0.1:41004"));

        String config = LocalPrometheus.config(root.resolve("deploy/prometheus/alerts.yml"), targets,
                URI.create("http://127.0.0.1:41009"));

        assertThat(config).contains("- job_name: ms-auth", "targets: [\"127.0.0.1:41001\"]",
                "- job_name: cloudwatch-exporter", "metrics_path: /metrics", "targets: [\"127.0.0.1:41009\"]",
                "- job_name: video-worker", "targets: [\"127.0.0.1:41004\"]", "metrics_path: /actuator/prometheus",
                root.resolve("deploy/prometheus/alerts.yml").toString());
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("promtool", "check", "config", file.toString()).redirectErrorStream(true)
                .start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output(check)).isZero();
    }

    private static String output(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
