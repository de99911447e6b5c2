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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Alert rules and dashboards: compose's Prometheus and the PrometheusRule carry the same rules, the rules cover
 * what an operator must hear about and each links to its runbook entry and is unit-tested with promtool, the
 * dashboards are valid Grafana JSON on a selectable Prometheus source, and every series and label they read exists:
 * in the CloudWatch exporter's configuration ({@code aws_*}) or in what the services publish.
 */
public final class Monitoring {

    /** Alerts that must exist: dead letters, processing backlog age, 5xx rate, worker failures. */
    public static final Set<String> REQUIRED_ALERTS = Set.of(
            "FramesmithDeadLetterQueueNotEmpty",
            "FramesmithProcessingBacklogAging",
            "FramesmithHigh5xxRate",
            "FramesmithWorkerFailures");

    /** The scrape jobs of the services, named after them (ServiceMonitors, compose's and the local Prometheus). */
    public static final List<String> SERVICE_JOBS = List.of("ms-auth", "ms-video", "ms-notify", "video-worker");
    /** Labels Prometheus adds to every sample it scrapes (the target's), not in a service's own exposition. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final String RUNBOOK = "docs/runbook.md";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AWS_SERIES = Pattern.compile("\\baws_[a-z0-9_]+");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} +(.+)$");
    /** A plain job name, as opposed to a regular expression. */
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** A Grafana variable ({@code $name}, {@code ${name}}, {@code [[name]]}) in a label value. */
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$[{\\w]|\\[\\[");
    /** A query variable's Grafana function: {@code label_values(series, label)}, {@code query_result(expression)}. */
    private static final Pattern LABEL_VALUES = Pattern.compile("(?s)\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*");
    private static final Pattern QUERY_RESULT = Pattern.compile("(?s)\\s*query_result\\((.*)\\)\\s*");

    private Monitoring() {
    }

    public static Path composeRules(Path repoRoot) {
        return repoRoot.resolve("deploy/prometheus/alerts.yml");
    }

    public static Path kubernetesRules(Path repoRoot) {
        return repoRoot.resolve("infra/k8s/base/monitoring/prometheus-rules.yaml");
    }

    /** The promtool unit tests of the alert rules ({@code promtool test rules <this file>}). */
    public static Path ruleTests(Path repoRoot) {
        return repoRoot.resolve("deploy/prometheus/alerts-test.yml");
    }

    public static Path runbook(Path repoRoot) {
        return repoRoot.resolve(RUNBOOK);
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
                if (rule.containsKey("alert")) {
                    runbookProblem(repoRoot, String.valueOf(rule.get("alert")),
                            Yaml.string(rule, "annotations", "runbook_url").orElse("")).ifPresent(problems::add);
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

    /** The alert's {@code runbook_url} must point at its own entry (a heading named after it) in the runbook. */
    private static Optional<String> runbookProblem(Path repoRoot, String alert, String url) {
        String anchor = url.substring(url.indexOf('#') + 1);
        if (!url.contains(RUNBOOK + "#") || !anchor.equals(alert.toLowerCase(Locale.ROOT))) {
            return Optional.of(composeRules(repoRoot) + ": alert " + alert + " has no runbook_url to "
                    + RUNBOOK + "#" + alert.toLowerCase(Locale.ROOT));
        }
        Set<String> anchors = new TreeSet<>();
        Matcher heading = HEADING.matcher(Files.exists(runbook(repoRoot)) ? Yaml.read(runbook(repoRoot)) : "");
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        return anchors.contains(anchor) ? Optional.empty()
                : Optional.of(runbook(repoRoot) + ": no entry for alert " + alert);
    }

    /** Alerts of the rules without both a case where they fire and one where they stay quiet in the promtool tests. */
    public static List<String> ruleTestProblems(Path repoRoot) {
        Map<String, Object> tests = Yaml.loadMap(ruleTests(repoRoot));
        List<String> problems = new ArrayList<>();
        if (!Yaml.at(tests, "rule_files").map(Object::toString).orElse("").contains(composeRules(repoRoot)
                .getFileName().toString())) {
            problems.add(ruleTests(repoRoot) + ": does not load " + composeRules(repoRoot).getFileName());
        }
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> test : Yaml.list(tests, "tests")) {
            for (Map<String, Object> check : Yaml.list(test, "alert_rule_test")) {
                String alert = String.valueOf(check.get("alertname"));
                boolean fires = check.get("exp_alerts") instanceof List<?> alerts && !alerts.isEmpty();
                (fires ? firing : quiet).add(alert);
            }
        }
        for (String alert : alerts(repoRoot)) {
            if (!firing.contains(alert)) {
                problems.add(ruleTests(repoRoot) + ": no case where " + alert + " fires");
            }
            if (!quiet.contains(alert)) {
                problems.add(ruleTests(repoRoot) + ": no case where " + alert + " stays quiet");
            }
        }
        return problems;
    }

    private static Set<String> alerts(Path repoRoot) {
        Set<String> alerts = new TreeSet<>();
        Object groups = Yaml.loadMap(composeRules(repoRoot)).get("groups");
        for (Map<String, Object> group : Yaml.list(Map.of("g", groups == null ? List.of() : groups), "g")) {
            for (Map<String, Object> rule : Yaml.list(group, "rules")) {
                Yaml.string(rule, "alert").ifPresent(alerts::add);
            }
        }
        return alerts;
    }

    /**
     * Series and labels that an alert or a dashboard panel reads and the services do not publish, given one scrape
     * of each service by job name, and the {@link #jobProblems job matchers} naming no service. {@code aws_*} series
     * (checked against the exporter by {@link #cloudWatchSeriesProblems}) and {@code up} (Prometheus's own) are left
     * out of the series checked. A selector naming jobs must find its series in each of them, one naming none in at
     * least one; every label it matches on, groups or joins by must be on the series read, and a value matched
     * exactly must occur.
     */
    public static List<String> liveSeriesProblems(Path repoRoot, Map<String, Exposition> scrapes) {
        List<String> problems = new ArrayList<>(jobProblems(repoRoot));
        expressions(repoRoot).forEach((where, expression) -> {
            PromQl.Reads reads = PromQl.read(expression);
            List<Map<String, String>> read = new ArrayList<>();
            boolean published = false;
            for (PromQl.Selector selector : reads.selectors()) {
                if (selector.metric() == null || selector.metric().startsWith("aws_") || selector.metric().equals("up")) {
                    continue;
                }
                published = true;
                List<Map<String, String>> found = selected(where, selector, scrapes, problems);
                read.addAll(found);
                for (PromQl.Matcher matcher : selector.matchers()) {
                    if (TARGET_LABELS.contains(matcher.label()) || found.isEmpty()) {
                        continue;
                    }
                    if (found.stream().noneMatch(labels -> labels.containsKey(matcher.label()))) {
                        problems.add(where + ": " + selector.metric() + " has no label " + matcher.label());
                    } else if (matcher.op().equals("=")
                            && found.stream().noneMatch(labels -> matcher.value().equals(labels.get(matcher.label())))) {
                        problems.add(where + ": no " + selector.metric() + " with " + matcher.label() + "=\""
                                + matcher.value() + "\"");
                    }
                }
            }
            for (String label : reads.groupingLabels()) {
                if (published && !TARGET_LABELS.contains(label) && !read.isEmpty()
                        && read.stream().noneMatch(labels -> labels.containsKey(label))) {
                    problems.add(where + ": no series it reads has the label " + label);
                }
            }
        });
        return problems;
    }

    /**
     * Job matchers of the alerts and panels that name no service's scrape job: one that matches none of
     * {@link #SERVICE_JOBS} (a typo such as {@code job="video-wroker"} would select nothing and read as quiet), or a
     * plain name among its alternatives that is not one ({@code job=~"ms-auth|ms-vdeo"}). {@code up} is checked like
     * any series; {@code aws_*} series come from the CloudWatch exporter's job and a value with a Grafana variable
     * is only known when the dashboard runs, so both are left out.
     */
    public static List<String> jobProblems(Path repoRoot) {
        List<String> problems = new ArrayList<>();
        expressions(repoRoot).forEach((where, expression) -> {
            for (PromQl.Selector selector : PromQl.read(expression).selectors()) {
                if (selector.metric() != null && selector.metric().startsWith("aws_")) {
                    continue;
                }
                for (PromQl.Matcher matcher : selector.matchers()) {
                    if (!matcher.label().equals("job") || GRAFANA_VARIABLE.matcher(matcher.value()).find()) {
                        continue;
                    }
                    String read = Objects.requireNonNullElse(selector.metric(), "") + "{job" + matcher.op() + "\""
                            + matcher.value() + "\"}";
                    if (SERVICE_JOBS.stream().noneMatch(matcher::matches)) {
                        problems.add(where + ": " + read + " selects none of the service jobs " + SERVICE_JOBS);
                        continue;
                    }
                    List<String> names = matcher.op().endsWith("~") ? List.of(matcher.value().split("\\|"))
                            : List.of(matcher.value());
                    for (String name : names) {
                        if (JOB_NAME.matcher(name).matches() && !SERVICE_JOBS.contains(name)) {
                            problems.add(where + ": " + read + " names " + name + ", not one of the service jobs "
                                    + SERVICE_JOBS);
                        }
                    }
                }
            }
        });
        return problems;
    }

    /**
     * The label sets a selector finds in the service jobs it names (each must have some), or in any service's job when
     * it names none.
     */
    private static List<Map<String, String>> selected(String where, PromQl.Selector selector,
            Map<String, Exposition> scrapes, List<String> problems) {
        List<PromQl.Matcher> jobMatchers = selector.matchers().stream().filter(m -> m.label().equals("job")).toList();
        List<Map<String, String>> found = new ArrayList<>();
        for (String job : SERVICE_JOBS) {
            Exposition scrape = scrapes.getOrDefault(job, new Exposition(Map.of()));
            List<Map<String, String>> sets = scrape.labelSets(selector.metric());
            if (!jobMatchers.isEmpty() && jobMatchers.stream().allMatch(m -> m.matches(job))) {
                if (sets.isEmpty()) {
                    problems.add(where + ": " + job + " publishes no " + selector.metric());
                }
                found.addAll(sets);
            } else if (jobMatchers.isEmpty()) {
                found.addAll(sets);
            }
        }
        if (jobMatchers.isEmpty() && found.isEmpty()) {
            problems.add(where + ": no service publishes " + selector.metric());
        }
        return found;
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
    public static Map<String, String> expressions(Path repoRoot) {
        Map<String, String> expressions = new LinkedHashMap<>();
        Object groups = Yaml.loadMap(composeRules(repoRoot)).get("groups");
        for (Map<String, Object> group : Yaml.list(Map.of("g", groups == null ? List.of() : groups), "g")) {
            for (Map<String, Object> rule : Yaml.list(group, "rules")) {
                expressions.put(composeRules(repoRoot) + " rule " + rule.getOrDefault("alert", rule.get("record")),
                        Yaml.string(rule, "expr").orElse(""));
            }
        }
        for (Path file : dashboardFiles(repoRoot)) {
            JsonNode dashboard = JSON.readTree(Yaml.read(file));
            for (JsonNode panel : panels(dashboard)) {
                int target = 0;
                for (JsonNode query : panel.path("targets")) {
                    expressions.put(file + " panel \"" + panel.path("title").asString("") + "\" #" + ++target,
                            query.path("expr").asString(""));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asString("").equals("query")) {
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asString("") : query.asString("");
                    expressions.put(file + " variable \"" + variable.path("name").asString("") + "\"",
                            variableExpression(text));
                }
            }
        }
        return expressions;
    }

    /** A dashboard's panels, those inside its rows included (a collapsed row keeps its panels in its own list). */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /**
     * The PromQL a query variable reads: the series of {@code label_values(series, label)} grouped by the label, the
     * expression of {@code query_result(expression)}; nothing for the functions that read no series of ours
     * ({@code label_values(label)}, {@code label_names()}, {@code metrics(regex)}).
     */
    private static String variableExpression(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            return "group by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")";
        }
        Matcher queryResult = QUERY_RESULT.matcher(query);
        if (queryResult.matches()) {
            return queryResult.group(1);
        }
        return query.strip().matches("(label_values|label_names|metrics)\\(.*") ? "" : query;
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
            for (JsonNode panel : panels(dashboard)) {
                if (panel.path("type").asString("").equals("row")) {
                    continue;
                }
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
