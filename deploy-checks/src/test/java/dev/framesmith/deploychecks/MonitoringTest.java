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
