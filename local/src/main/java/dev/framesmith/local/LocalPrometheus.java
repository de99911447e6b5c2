package dev.framesmith.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus from the system's {@code prometheus} package (Debian's, on request: {@code --monitoring}), scraping
 * every service's management port (job = service name, as in Kubernetes) and evaluating the same alert rules as in
 * the cluster, {@code deploy/prometheus/alerts.yml}. The queue alerts read the CloudWatch exporter's series: here
 * {@link LocalQueueMetrics} publishes the queue depths under the exporter's job name from the SQS stand-in (the age
 * of the oldest message, which only CloudWatch computes, is not published, so FramesmithProcessingBacklogAging stays
 * quiet here).
 */
final class LocalPrometheus {

    private LocalPrometheus() {
    }

    /** The {@code prometheus} executable on the {@code PATH}, if there is one. */
    static Optional<Path> executable() {
        return Executables.onPath("prometheus");
    }

    /** The job of the queue series, as the cluster's ServiceMonitor of the CloudWatch exporter names it. */
    static final String QUEUE_JOB = "cloudwatch-exporter";

    /** The configuration: a scrape job per service and one for the queue series, the repository's alert rules. */
    static String config(Path rules, Map<String, URI> managementByJob, URI queueMetrics) {
        StringBuilder yaml = new StringBuilder("""
                # Written by the local run (--monitoring); see deploy/prometheus/prometheus.yml for compose's.
                global:
                  scrape_interval: 15s
                  evaluation_interval: 15s
                rule_files:
                  - "%s"
                scrape_configs:
                """.formatted(rules.toAbsolutePath()));
        managementByJob.forEach((job, uri) -> yaml.append("""
                  - job_name: %s
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(job, uri.getHost(), uri.getPort())));
        yaml.append("""
                  - job_name: %s
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(QUEUE_JOB, queueMetrics.getHost(), queueMetrics.getPort()));
        return yaml.toString();
    }

    /**
     * Starts Prometheus on {@code port} (loopback only), its data under {@code dir}, its output in {@code log}.
     */
    static Process start(Path executable, Path dir, Path rules, Map<String, URI> managementByJob, URI queueMetrics,
            int port, Path log) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, config(rules, managementByJob, queueMetrics), StandardCharsets.UTF_8);
            return new ProcessBuilder(List.of(executable.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=2d",
                    "--web.listen-address=127.0.0.1:" + port))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Prometheus: " + e.getMessage(), e);
        }
    }

    static void stop(Process process) {
        Processes.stopTree(process.toHandle(), Duration.ofSeconds(10));
    }
}
