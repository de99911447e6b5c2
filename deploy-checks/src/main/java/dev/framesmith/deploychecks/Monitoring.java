package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    public static List<String> dashboardProblems(Path repoRoot) {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dashboards(repoRoot))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
