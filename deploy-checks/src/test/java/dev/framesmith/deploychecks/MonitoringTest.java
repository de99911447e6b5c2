package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringTest {

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
}
