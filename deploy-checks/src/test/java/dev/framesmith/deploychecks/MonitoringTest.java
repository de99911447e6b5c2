package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class MonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
     * installs): every alert fires in its case (one message in a DLQ, the oldest job too old, no worker target at
     * all, ...) and stays quiet in another, with the labels and annotations (runbook link included) it pages with.
     */
    @Test
    void everyAlertFiresInItsCaseAndStaysQuietOtherwiseAsPrometheusEvaluatesIt() {
        assertThat(Processes.onPath("promtool"))
                .as("promtool is not on the PATH: install Debian's prometheus package (.ci/run does) to test the alert rules")
                .isTrue();
        assertThat(Monitoring.ruleTestProblems(Repository.ROOT)).isEmpty();

        Processes.Result result = Processes.run(Repository.ROOT, Duration.ofMinutes(1), List.of("promtool", "test", "rules",
                Monitoring.ruleTests(Repository.ROOT).toString()));

        assertThat(result.succeeded()).as("promtool test rules:\n%s", result.output()).isTrue();
    }

    @Test
    void anAlertWithoutAFiringCaseOrARunbookEntryIsReported(@TempDir Path copy) {
        Repository.copy(copy, "deploy/prometheus", "infra/k8s/base/monitoring", "docs");
        Repository.replace(Monitoring.ruleTests(copy), "alertname: FramesmithMailDeliveryFailing\n        exp_alerts:\n",
                "alertname: FramesmithMailDeliveryFailing\n        exp_alerts: []\n        unused:\n");
        Repository.replace(Monitoring.runbook(copy), "## FramesmithServiceDown", "## Service down");

        assertThat(Monitoring.ruleTestProblems(copy))
                .containsExactly(Monitoring.ruleTests(copy) + ": no case where FramesmithMailDeliveryFailing fires");
        assertThat(Monitoring.ruleProblems(copy))
                .containsExactly(Monitoring.runbook(copy) + ": no entry for alert FramesmithServiceDown");
    }

    @Test
    void promQlSelectorsAndGroupingLabelsAreRead() {
        PromQl.Reads reads = PromQl.read("""
                histogram_quantile(0.95, sum by (le, phase) (rate(framesmith_worker_phase_seconds_bucket{job="video-worker", \
                phase!~"zip|upload"}[$__rate_interval]))) > 2 and on (job) (sum(up{job=~"a|b"}) or vector(0)) == 0 \
                unless max(foo) without (instance, le)""");

        assertThat(reads.selectors()).containsExactly(
                new PromQl.Selector("framesmith_worker_phase_seconds_bucket", List.of(
                        new PromQl.Matcher("job", "=", "video-worker"), new PromQl.Matcher("phase", "!~", "zip|upload"))),
                new PromQl.Selector("up", List.of(new PromQl.Matcher("job", "=~", "a|b"))),
                new PromQl.Selector("foo", List.of()));
        assertThat(reads.groupingLabels()).containsExactlyInAnyOrder("le", "phase", "job", "instance");
        assertThat(new PromQl.Matcher("job", "=~", "ms-auth|ms-video").matches("ms-video")).isTrue();
        assertThat(new PromQl.Matcher("job", "=~", "ms-auth|ms-video").matches("ms-videos")).isFalse();
    }

    /** What the services publish, checked against every panel and rule: here a scrape that lacks what they read. */
    @Test
    void aSeriesOrLabelThatNoServicePublishesIsReported(@TempDir Path copy) {
        Repository.copy(copy, "deploy/prometheus", "infra/k8s/base/monitoring");
        Map<String, Exposition> scrapes = Map.of(
                "ms-auth", Exposition.parse("""
                        # TYPE http_server_requests_seconds_count counter
                        http_server_requests_seconds_count{method="GET",status="200"} 3
                        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1.0E7
                        """),
                "ms-video", Exposition.parse("http_server_requests_seconds_count{method=\"GET\",status=\"200\"} 1\n"));

        List<String> problems = Monitoring.liveSeriesProblems(copy, scrapes);

        assertThat(problems).contains(
                copy.resolve("deploy/prometheus/alerts.yml") + " rule FramesmithHigh5xxRate: ms-notify publishes no"
                        + " http_server_requests_seconds_count",
                copy.resolve("infra/k8s/base/monitoring/dashboards/framesmith-services.json")
                        + " panel \"JVM heap used\" #1: no jvm_memory_used_bytes with area=\"heap\"",
                copy.resolve("infra/k8s/base/monitoring/dashboards/framesmith-services.json")
                        + " panel \"5xx by service and route\" #1: no series it reads has the label uri")
                .noneMatch(problem -> problem.contains("aws_"));
    }

    /** The scrape jobs compose's Prometheus defines are the services' jobs, and every alert and panel names only them. */
    @Test
    void theAlertsAndDashboardsSelectOnlyTheServicesScrapeJobs() {
        Map<String, Object> prometheus = Yaml.loadMap(Repository.path("deploy/prometheus/prometheus.yml"));

        assertThat(Yaml.list(prometheus, "scrape_configs")).extracting(c -> c.get("job_name"))
                .containsExactlyElementsOf(Monitoring.SERVICE_JOBS);
        assertThat(Monitoring.jobProblems(Repository.ROOT)).isEmpty();
    }

    @Test
    void aJobMatcherNamingNoServiceIsReported(@TempDir Path copy) {
        Repository.copy(copy, "deploy/prometheus", "infra/k8s/base/monitoring");
        Repository.replace(Monitoring.composeRules(copy), "(sum(up{job=\"video-worker\"}) or vector(0))",
                "(sum(up{job=\"video-wroker\"}) or vector(0))");
        Repository.replace(Monitoring.composeRules(copy), "expr: up{job=~\"ms-auth|ms-video|ms-notify|video-worker\"}",
                "expr: up{job=~\"ms-auth|ms-vdeo|ms-notify|video-worker\"}");
        Path pipeline = Monitoring.dashboards(copy).resolve("framesmith-pipeline.json");
        Repository.replace(pipeline, "rate(framesmith_notify_sent_total{job=\\\"ms-notify\\\"}",
                "rate(framesmith_notify_sent_total{job=\\\"ms-notfy\\\"}");
        String rules = copy.resolve("deploy/prometheus/alerts.yml").toString();

        List<String> problems = Monitoring.jobProblems(copy);

        assertThat(problems).containsExactlyInAnyOrder(
                rules + " rule FramesmithWorkerNotConsuming: up{job=\"video-wroker\"} selects none of the service jobs"
                        + " [ms-auth, ms-video, ms-notify, video-worker]",
                rules + " rule FramesmithServiceDown: up{job=~\"ms-auth|ms-vdeo|ms-notify|video-worker\"} names ms-vdeo,"
                        + " not one of the service jobs [ms-auth, ms-video, ms-notify, video-worker]",
                pipeline + " panel \"E-mails\" #1: framesmith_notify_sent_total{job=\"ms-notfy\"} selects none of the"
                        + " service jobs [ms-auth, ms-video, ms-notify, video-worker]");
        assertThat(Monitoring.liveSeriesProblems(copy, Map.of())).containsAll(problems);
    }

    /**
     * Panels inside a collapsed row and the series a query variable lists are read like the top-level panels: here
     * a copy of the services dashboard with its heap panel in a row and a variable of routes, against a scrape
     * without heap or routes.
     */
    @Test
    void panelsInARowAndQueryVariablesAreChecked(@TempDir Path copy) {
        Repository.copy(copy, "deploy/prometheus", "infra/k8s/base/monitoring");
        Path services = Monitoring.dashboards(copy).resolve("framesmith-services.json");
        ObjectNode dashboard = (ObjectNode) JSON.readTree(Yaml.read(services));
        ArrayNode panels = (ArrayNode) dashboard.get("panels");
        int heap = 0;
        while (!panels.get(heap).path("title").asString("").equals("JVM heap used")) {
            heap++;
        }
        ObjectNode row = JSON.createObjectNode().put("type", "row").put("title", "JVM").put("collapsed", true);
        row.putArray("panels").add(panels.remove(heap));
        panels.add(row);
        ObjectNode variable = ((ArrayNode) dashboard.get("templating").get("list")).addObject()
                .put("type", "query").put("name", "route");
        variable.putObject("query").put("query", "label_values(http_server_requests_seconds_count{job=\"ms-vdeo\"}, uri)");
        Repository.write(services, JSON.writeValueAsString(dashboard));
        Map<String, Exposition> scrapes = Map.of("ms-video", Exposition.parse("""
                http_server_requests_seconds_count{method="GET",status="200"} 1
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1.0E7
                """));

        List<String> problems = Monitoring.liveSeriesProblems(copy, scrapes);

        assertThat(problems).contains(
                services + " panel \"JVM heap used\" #1: no jvm_memory_used_bytes with area=\"heap\"",
                services + " variable \"route\": http_server_requests_seconds_count{job=\"ms-vdeo\"} selects none of"
                        + " the service jobs [ms-auth, ms-video, ms-notify, video-worker]");
        Repository.write(services, JSON.writeValueAsString(dashboard).replace("ms-vdeo", "ms-video"));
        assertThat(Monitoring.liveSeriesProblems(copy, scrapes))
                .contains(services + " variable \"route\": no series it reads has the label uri");
        assertThat(Monitoring.dashboardProblems(copy)).isEmpty();
    }
}
