package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Alert rules and dashboards: compose's Prometheus and the PrometheusRule carry the same rules, the rules cover
 * what an operator must hear about, and the dashboards are valid Grafana JSON on a selectable Prometheus source.
 */
public final class Monitoring {

    /** Alerts that must exist: dead letters, processing backlog age, 5xx rate, worker failures. */
    public static final Set<String> REQUIRED_ALERTS = Set.of(
            "FramesmithDeadLetterQueueNotEmpty",
            "FramesmithProcessingBacklogAging",
            "FramesmithHigh5xxRate",
            "FramesmithWorkerFailures");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AWS_SERIES = Pattern.compile("\\baws_[a-z0-9_]+");

    private Monitoring() {
    }

    public static Path composeRules(Path repoRoot) {
        return repoRoot.resolve("deploy/prometheus/alerts.yml");
    }

    public static Path kubernetesRules(Path repoRoot) {
        return repoRoot.resolve("infra/k8s/base/monitoring/prometheus-rules.yaml");
    }

    public static Path dashboards(Path repoRoot) {
        return repoRoot.resolve("infra/k8s/base/monitoring/dashboards");
    }

    public static List<String> ruleProblems(Path repoRoot) {
        List<String> problems = new ArrayList<>();
        Object composeGroups = Yaml.loadMap(composeRules(repoRoot)).get("groups");
        Object kubernetesGroups = Yaml.at(Yaml.loadMap(kubernetesRules(repoRoot)), "spec", "groups").orElse(null);
        if (composeGroups == null || !composeGroups.equals(kubernetesGroups)) {
            problems.add(kubernetesRules(repoRoot) + ": spec.groups differ from " + composeRules(repoRoot));
        }
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : Yaml.list(Map.of("g", composeGroups == null ? List.of() : composeGroups), "g")) {
            for (Map<String, Object> rule : Yaml.list(group, "rules")) {
                Yaml.string(rule, "alert").ifPresent(alerts::add);
                if (Yaml.string(rule, "expr").orElse("").isBlank()) {
                    problems.add(composeRules(repoRoot) + ": rule " + rule.get("alert") + " has no expression");
                }
                if (rule.containsKey("alert") && Yaml.string(rule, "labels", "severity").isEmpty()) {
                    problems.add(composeRules(repoRoot) + ": alert " + rule.get("alert") + " has no severity");
                }
            }
        }
        Set<String> missing = new TreeSet<>(REQUIRED_ALERTS);
        missing.removeAll(alerts);
        if (!missing.isEmpty()) {
            problems.add(composeRules(repoRoot) + ": missing alerts " + missing);
        }
        return problems;
    }

    public static Path cloudWatchExporter(Path repoRoot) {
        return repoRoot.resolve("infra/k8s/base/cloudwatch-exporter/cloudwatch-exporter.yaml");
    }

    /**
     * The series the CloudWatch exporter publishes, named as it names them: {@code aws_}, the namespace without
     * {@code AWS/}, the metric and the statistic, each in snake case ({@code AWS/SQS} {@code NumberOfMessagesSent}
     * {@code Sum} is {@code aws_sqs_number_of_messages_sent_sum}).
     */
    public static Set<String> cloudWatchSeries(Path repoRoot) {
        Set<String> series = new TreeSet<>();
        for (Object document : Yaml.loadAll(Yaml.read(cloudWatchExporter(repoRoot)))) {
            if (!"ConfigMap".equals(Yaml.string(document, "kind").orElse(""))) {
                continue;
            }
            Map<String, Object> config = Yaml.map(Yaml.loadAll(Yaml.string(document, "data", "config.yml")
                    .orElseThrow()).get(0));
            for (Map<String, Object> metric : Yaml.list(config, "metrics")) {
                String prefix = "aws_" + snakeCase(Yaml.string(metric, "aws_namespace").orElse("")
                        .replaceFirst("^AWS/", "")) + "_" + snakeCase(Yaml.string(metric, "aws_metric_name").orElse(""));
                Yaml.at(metric, "aws_statistics").map(List.class::cast).orElse(List.of())
                        .forEach(statistic -> series.add(prefix + "_" + snakeCase(String.valueOf(statistic))));
            }
        }
        return series;
    }

    /** Series named {@code aws_*} in a dashboard panel or an alert rule that the CloudWatch exporter does not publish. */
    public static List<String> cloudWatchSeriesProblems(Path repoRoot) {
        Set<String> published = cloudWatchSeries(repoRoot);
        List<String> problems = new ArrayList<>();
        expressions(repoRoot).forEach((where, expression) -> {
            Matcher series = AWS_SERIES.matcher(expression);
            while (series.find()) {
                if (!published.contains(series.group())) {
                    problems.add(where + ": " + series.group() + " is not published by " + cloudWatchExporter(repoRoot));
                }
            }
        });
        return problems;
    }

    /** Every PromQL expression of the alert rules and the dashboards, keyed by file and rule or panel. */
    static Map<String, String> expressions(Path repoRoot) {
        Map<String, String> expressions = new LinkedHashMap<>();
        Object groups = Yaml.loadMap(composeRules(repoRoot)).get("groups");
        for (Map<String, Object> group : Yaml.list(Map.of("g", groups == null ? List.of() : groups), "g")) {
            for (Map<String, Object> rule : Yaml.list(group, "rules")) {
                expressions.put(composeRules(repoRoot) + " rule " + rule.getOrDefault("alert", rule.get("record")),
                        Yaml.string(rule, "expr").orElse(""));
            }
        }
        for (Path file : dashboardFiles(repoRoot)) {
            for (JsonNode panel : JSON.readTree(Yaml.read(file)).path("panels")) {
                int target = 0;
                for (JsonNode query : panel.path("targets")) {
                    expressions.put(file + " panel \"" + panel.path("title").asString("") + "\" #" + ++target,
                            query.path("expr").asString(""));
                }
            }
        }
        return expressions;
    }

    private static List<Path> dashboardFiles(Path repoRoot) {
        try (Stream<Path> list = Files.list(dashboards(repoRoot))) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    public static List<String> dashboardProblems(Path repoRoot) {
        List<String> problems = new ArrayList<>();
        List<Path> files = dashboardFiles(repoRoot);
        if (files.isEmpty()) {
            problems.add(dashboards(repoRoot) + ": no dashboards");
        }
        Set<String> uids = new TreeSet<>();
        for (Path file : files) {
            JsonNode dashboard;
            try {
                dashboard = JSON.readTree(Yaml.read(file));
            } catch (RuntimeException e) {
                problems.add(file + ": not JSON: " + e.getMessage());
                continue;
            }
            String uid = dashboard.path("uid").asString("");
            if (uid.isEmpty() || !uids.add(uid)) {
                problems.add(file + ": missing or duplicate uid");
            }
            if (dashboard.path("title").asString("").isEmpty()) {
                problems.add(file + ": no title");
            }
            boolean datasourceVariable = false;
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                datasourceVariable |= variable.path("type").asString("").equals("datasource")
                        && variable.path("query").asString("").equals("prometheus");
            }
            if (!datasourceVariable) {
                problems.add(file + ": no Prometheus data source variable");
            }
            JsonNode panels = dashboard.path("panels");
            if (!panels.isArray() || panels.isEmpty()) {
                problems.add(file + ": no panels");
            }
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("expr").asString("").isBlank()) {
                        problems.add(file + ": panel \"" + panel.path("title").asString("") + "\" has a target without expression");
                    }
                }
                if (!panel.path("datasource").path("uid").asString("").equals("${datasource}")) {
                    problems.add(file + ": panel \"" + panel.path("title").asString("") + "\" does not use the data source variable");
                }
            }
        }
        return problems;
    }
}
