package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class MonitoringTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String QUEUED = "aws_sqs_approximate_number_of_messages_visible_maximum"
            + "{queue_name=\"framesmith-video-processing\"}";

    @Test
    void composeAndKubernetesCarryTheSameAlertRulesCoveringWhatOperatorsMustHear() {
        assertThat(Monitoring.ruleProblems(Repository.ROOT)).isEmpty();
    }

    @Test
    void theDashboardsAreValidAndBothGrafanasLoadThem() throws Exception {
        assertThat(Monitoring.dashboardProblems(Repository.ROOT)).isEmpty();

        List<String> files;
        try (Stream<Path> list = Files.list(Monitoring.dashboards(Repository.ROOT))) {
            files = list.map(p -> "dashboards/" + p.getFileName()).sorted().toList();
        }
        Map<String, Object> kustomization = Yaml.loadMap(Repository.path("infra/k8s/base/monitoring/kustomization.yaml"));
        assertThat(Yaml.list(kustomization, "configMapGenerator")).singleElement()
                .satisfies(g -> assertThat(((List<?>) g.get("files")).stream().map(String::valueOf).toList())
                        .containsExactlyInAnyOrderElementsOf(files));
        Map<String, Object> compose = Yaml.loadMap(Repository.path("docker-compose.yml"));
        assertThat(Yaml.at(compose, "services", "grafana", "volumes").map(Object::toString).orElse(""))
                .contains("./infra/k8s/base/monitoring/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(Yaml.at(compose, "services", "prometheus", "volumes").map(Object::toString).orElse(""))
                .contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void everyCloudWatchSeriesADashboardOrAlertReadsIsExported() {
        assertThat(Monitoring.cloudWatchSeries(Repository.ROOT)).contains(
                "aws_sqs_approximate_number_of_messages_visible_maximum", "aws_sqs_number_of_messages_sent_sum",
                "aws_sqs_approximate_number_of_noisy_groups_maximum");
        assertThat(Monitoring.cloudWatchSeriesProblems(Repository.ROOT)).isEmpty();
    }

    @Test
    void aPanelOnASeriesTheExporterDoesNotFetchIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s/base/monitoring", "infra/k8s/base/cloudwatch-exporter", "deploy/prometheus");
        Repository.replace(Monitoring.cloudWatchExporter(copy), "aws_metric_name: ApproximateNumberOfNoisyGroups",
                "aws_metric_name: ApproximateNumberOfMessagesDelayed");

        assertThat(String.join("\n", Monitoring.cloudWatchSeriesProblems(copy)))
                .contains("framesmith-pipeline.json panel \"Users held back on the processing queue\" #1:"
                        + " aws_sqs_approximate_number_of_noisy_groups_maximum is not published");
    }

    @Test
    void rulesThatDriftApartOrLoseARequiredAlertAreReported(@TempDir Path copy) {
        Repository.copy(copy, "deploy/prometheus", "infra/k8s/base/monitoring");
        Repository.replace(Monitoring.composeRules(copy), "> 900", "> 1800");
        Repository.replace(Monitoring.kubernetesRules(copy), "- alert: FramesmithWorkerFailures", "- alert: FramesmithWorkerErrors");

        String problems = String.join("\n", Monitoring.ruleProblems(copy));

        assertThat(problems).contains("prometheus-rules.yaml: spec.groups differ from").doesNotContain("missing alerts");
        Repository.replace(Monitoring.composeRules(copy), "- alert: FramesmithWorkerFailures", "- alert: FramesmithWorkerErrors");
        assertThat(String.join("\n", Monitoring.ruleProblems(copy))).contains("missing alerts [FramesmithWorkerFailures]");
    }

    @Test
    void aBrokenDashboardIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s/base/monitoring");
        Path dashboard = Monitoring.dashboards(copy).resolve("framesmith-services.json");
        Repository.replace(dashboard, "\"uid\": \"${datasource}\"", "\"uid\": \"prometheus\"");
        Repository.write(Monitoring.dashboards(copy).resolve("broken.json"), "{\"uid\": \"broken\", \"panels\": [");

        String problems = String.join("\n", Monitoring.dashboardProblems(copy));

        assertThat(problems).contains("does not use the data source variable").contains("broken.json: not JSON");
    }

    /**
     * The rules evaluated by Prometheus itself ({@code promtool test rules}, Debian package prometheus, which .ci/run
     * installs): jobs waiting with no worker page someone even when no video-worker exists at all (no {@code up}
     * series), and not while a worker is up.
     */
    @Test
    void theNoWorkerAlertFiresWhenJobsWaitAndNoWorkerIsRunningEvenWhenNoneExists(@TempDir Path dir) {
        assertThat(Processes.onPath("promtool"))
                .as("promtool is not on the PATH: install Debian's prometheus package (.ci/run does) to test the alert rules")
                .isTrue();
        Map<String, Object> kubernetes = Map.of("groups",
                Yaml.at(Yaml.loadMap(Monitoring.kubernetesRules(Repository.ROOT)), "spec", "groups").orElseThrow());
        Map<String, Path> ruleFiles = Map.of(
                "compose", Monitoring.composeRules(Repository.ROOT),
                "kubernetes", Repository.writeTemp(dir, "kubernetes-rules.yml", JSON.writeValueAsString(kubernetes)));

        ruleFiles.forEach((setup, rules) -> {
            Path test = Repository.writeTemp(dir, setup + "-test.yml", JSON.writeValueAsString(workerAlertTests(rules)));

            Processes.Result result = Processes.run(dir, Duration.ofMinutes(1), List.of("promtool", "test", "rules",
                    test.toString()));

            assertThat(result.succeeded()).as("%s rules:\n%s", setup, result.output()).isTrue();
        });
    }

    /** promtool unit tests of FramesmithWorkerNotConsuming: 4 jobs queued for 30 minutes, with and without workers. */
    private static Map<String, Object> workerAlertTests(Path rules) {
        Map<String, Object> rule = Yaml.list(Yaml.loadMap(rules), "groups").stream()
                .flatMap(group -> Yaml.list(group, "rules").stream())
                .filter(r -> "FramesmithWorkerNotConsuming".equals(r.get("alert"))).findFirst().orElseThrow();
        Map<String, Object> firing = new LinkedHashMap<>();
        firing.put("exp_labels", rule.get("labels"));
        firing.put("exp_annotations", rule.get("annotations"));
        Map<String, Object> queued = Map.of("series", QUEUED, "values", "4x30");
        return Map.of("rule_files", List.of(rules.toString()), "evaluation_interval", "1m", "tests", List.of(
                // No worker exists at all: there is no up{job="video-worker"} series to be 0.
                Map.of("interval", "1m", "input_series", List.of(queued), "alert_rule_test", List.of(
                        Map.of("eval_time", "5m", "alertname", "FramesmithWorkerNotConsuming", "exp_alerts", List.of()),
                        Map.of("eval_time", "20m", "alertname", "FramesmithWorkerNotConsuming", "exp_alerts", List.of(firing)))),
                // A worker exists but is down.
                Map.of("interval", "1m", "input_series", List.of(queued,
                        Map.of("series", "up{job=\"video-worker\",instance=\"10.0.1.5:9084\"}", "values", "0x30")),
                        "alert_rule_test", List.of(Map.of("eval_time", "20m", "alertname", "FramesmithWorkerNotConsuming",
                                "exp_alerts", List.of(firing)))),
                // A worker is up: the queue is being worked on.
                Map.of("interval", "1m", "input_series", List.of(queued,
                        Map.of("series", "up{job=\"video-worker\",instance=\"10.0.1.5:9084\"}", "values", "1x30")),
                        "alert_rule_test", List.of(Map.of("eval_time", "20m", "alertname", "FramesmithWorkerNotConsuming",
                                "exp_alerts", List.of())))));
    }
}
