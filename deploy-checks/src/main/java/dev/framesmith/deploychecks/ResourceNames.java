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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bucket, queue and table names (and the tables' indexes) must agree everywhere they are written: Terraform,
 * the Kustomize manifests, docker-compose.yml, the LocalStack init script and the services' Spring configuration.
 */
public final class ResourceNames {

    /**
     * What the services use by default.
     *
     * @param queues                      queue role (processing, events, notifications) to queue name
     * @param tables                      table role (videos, notifications) to table name
     * @param bucket                      the bucket name
     * @param maxReceiveCount             receives before a message is dead-lettered
     * @param processingVisibilitySeconds visibility timeout of the processing queue
     */
    public record Expected(Map<String, String> queues, Map<String, String> tables, String bucket,
                           int maxReceiveCount, int processingVisibilitySeconds) {

        Set<String> queueNames() {
            return new TreeSet<>(queues.values());
        }

        Set<String> deadLetterNames() {
            Set<String> names = new TreeSet<>();
            queues.values().forEach(q -> names.add(q + "-dlq"));
            return names;
        }

        Set<String> tableNames() {
            return new TreeSet<>(tables.values());
        }

        /** Environment variable (Spring relaxed binding of framesmith.aws.*) to the value it must have. */
        Map<String, String> environment() {
            Map<String, String> env = new TreeMap<>();
            queues.forEach((role, name) -> env.put("FRAMESMITH_AWS_QUEUES_" + role.toUpperCase(Locale.ROOT), name));
            tables.forEach((role, name) -> env.put("FRAMESMITH_AWS_TABLES_" + role.toUpperCase(Locale.ROOT), name));
            env.put("FRAMESMITH_AWS_BUCKET", bucket);
            return env;
        }
    }

    /** A table's key schema and indexes, written comparably: "id", "byUser(userId,createdAt)". */
    public record TableShape(String hashKey, Set<String> indexes) {
    }

    private static final Pattern TF_QUEUE = Pattern.compile("(\\w+)\\s*=\\s*\\{\\s*name\\s*=\\s*\"([^\"]+)\"\\s*,\\s*visibility_timeout_seconds\\s*=\\s*(\\d+)");
    private static final Pattern TF_TABLE = Pattern.compile("(?m)^\\s*(\\w+)\\s*=\\s*\\{\\s*\\n\\s*name\\s*=\\s*\"([^\"]+)\"\\s*\\n\\s*hash_key\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern TF_INDEX = Pattern.compile("\\{\\s*name\\s*=\\s*\"([^\"]+)\"\\s*,\\s*hash_key\\s*=\\s*\"([^\"]+)\"(?:\\s*,\\s*range_key\\s*=\\s*\"([^\"]+)\")?\\s*}");
    private static final Pattern SCRIPT_QUEUE = Pattern.compile("(?m)^create_queue\\s+(\\S+)\\s+(\\d+)\\s*$");
    private static final Pattern SCRIPT_TABLE = Pattern.compile("--table-name\\s+([A-Za-z0-9_.-]+)");
    private static final Pattern SCRIPT_HASH_KEY = Pattern.compile("--key-schema\\s+AttributeName=(\\w+),KeyType=HASH");
    private static final Pattern SCRIPT_INDEX = Pattern.compile("\"IndexName\":\\s*\"(\\w+)\".*?\"KeySchema\":\\s*\\[(.*?)]", Pattern.DOTALL);
    private static final Pattern SCRIPT_KEY = Pattern.compile("\"AttributeName\":\\s*\"(\\w+)\"");
    private static final Pattern SOURCE_INDEX_CONSTANT = Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"(by[A-Z]\\w*)\"\\s*;");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    private ResourceNames() {
    }

    // ---------------------------------------------------------------- Terraform

    private static Hcl framesmithModule(Path repoRoot) {
        return new Hcl(Yaml.read(repoRoot.resolve("infra/terraform/modules/framesmith/main.tf")));
    }

    private static Map<String, String> locals(Path repoRoot) {
        Hcl hcl = framesmithModule(repoRoot);
        Map<String, String> values = new LinkedHashMap<>();
        hcl.blocks("locals").forEach(b -> values.putAll(hcl.attributeValues(b)));
        return values;
    }

    public static List<String> terraformProblems(Path repoRoot, Expected expected) {
        List<String> problems = new ArrayList<>();
        String where = "infra/terraform/modules/framesmith";
        Map<String, String> locals = locals(repoRoot);
        Map<String, String> queues = new TreeMap<>();
        Matcher queue = TF_QUEUE.matcher(locals.getOrDefault("queues", ""));
        while (queue.find()) {
            queues.put(queue.group(1), queue.group(2));
            if (queue.group(1).equals("processing") && Integer.parseInt(queue.group(3)) != expected.processingVisibilitySeconds()) {
                problems.add(where + ": processing queue visibility timeout " + queue.group(3) + " s, the worker expects "
                        + expected.processingVisibilitySeconds() + " s");
            }
        }
        if (!queues.equals(new TreeMap<>(expected.queues()))) {
            problems.add(where + ": queues " + queues + " differ from the services' " + new TreeMap<>(expected.queues()));
        }
        Map<String, String> tables = new TreeMap<>();
        tableShapes(locals.getOrDefault("tables", "")).forEach((role, entry) -> tables.put(role, entry.getKey()));
        if (!tables.equals(new TreeMap<>(expected.tables()))) {
            problems.add(where + ": tables " + tables + " differ from the services' " + new TreeMap<>(expected.tables()));
        }
        String sqs = Yaml.read(repoRoot.resolve("infra/terraform/modules/sqs/main.tf"));
        if (!Pattern.compile("name\\s*=\\s*\"\\$\\{each\\.value\\.name}-dlq\"").matcher(sqs).find()) {
            problems.add("infra/terraform/modules/sqs: dead-letter queues are not named <queue>-dlq");
        }
        Matcher receive = Pattern.compile("max_receive_count\\s*=\\s*(\\d+)").matcher(Yaml.read(repoRoot.resolve("infra/terraform/modules/framesmith/main.tf")));
        if (!receive.find() || Integer.parseInt(receive.group(1)) != expected.maxReceiveCount()) {
            problems.add(where + ": max_receive_count is not " + expected.maxReceiveCount());
        }
        Hcl variables = new Hcl(Yaml.read(repoRoot.resolve("infra/terraform/modules/framesmith/variables.tf")));
        Optional<String> bucketDefault = variables.blocks("variable").stream().filter(b -> b.label(0).equals("bucket_name"))
                .findFirst().map(b -> variables.attributeValues(b).getOrDefault("default", ""));
        if (bucketDefault.isEmpty() || !bucketDefault.get().equals("\"" + expected.bucket() + "\"")) {
            problems.add(where + ": variable bucket_name defaults to " + bucketDefault.orElse("nothing") + ", the services to " + expected.bucket());
        }
        return problems;
    }

    /** Table role to (table name, shape) from the locals' tables expression. */
    static Map<String, Map.Entry<String, TableShape>> tableShapes(String tablesExpression) {
        Map<String, Map.Entry<String, TableShape>> tables = new TreeMap<>();
        Matcher table = TF_TABLE.matcher(tablesExpression);
        List<int[]> spans = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (table.find()) {
            spans.add(new int[] {table.start()});
            heads.add(new String[] {table.group(1), table.group(2), table.group(3)});
        }
        for (int i = 0; i < heads.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : tablesExpression.length();
            String segment = tablesExpression.substring(spans.get(i)[0], end);
            Set<String> indexes = new TreeSet<>();
            Matcher index = TF_INDEX.matcher(segment);
            while (index.find()) {
                indexes.add(index.group(1) + "(" + index.group(2) + (index.group(3) == null ? "" : "," + index.group(3)) + ")");
            }
            tables.put(heads.get(i)[0], Map.entry(heads.get(i)[1], new TableShape(heads.get(i)[2], indexes)));
        }
        return tables;
    }

    /** Table name to shape, as Terraform creates them. */
    public static Map<String, TableShape> terraformTables(Path repoRoot) {
        Map<String, TableShape> shapes = new TreeMap<>();
        tableShapes(locals(repoRoot).getOrDefault("tables", "")).values().forEach(e -> shapes.put(e.getKey(), e.getValue()));
        return shapes;
    }

    // ---------------------------------------------------------------- LocalStack init script

    public static Path initScript(Path repoRoot) {
        return repoRoot.resolve("infra/k8s/overlays/dev/localstack/init-aws.sh");
    }

    /** Table name to shape, as the LocalStack init script creates them. */
    public static Map<String, TableShape> scriptTables(Path repoRoot) {
        String script = Yaml.read(initScript(repoRoot));
        Map<String, TableShape> shapes = new TreeMap<>();
        Matcher table = SCRIPT_TABLE.matcher(script);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (table.find()) {
            starts.add(table.start());
            names.add(table.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            String segment = script.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : script.length());
            Matcher hash = SCRIPT_HASH_KEY.matcher(segment);
            Set<String> indexes = new TreeSet<>();
            Matcher index = SCRIPT_INDEX.matcher(segment);
            while (index.find()) {
                List<String> keys = new ArrayList<>();
                Matcher key = SCRIPT_KEY.matcher(index.group(2));
                while (key.find()) {
                    keys.add(key.group(1));
                }
                indexes.add(index.group(1) + "(" + String.join(",", keys) + ")");
            }
            shapes.put(names.get(i), new TableShape(hash.find() ? hash.group(1) : "", indexes));
        }
        return shapes;
    }

    public static List<String> initScriptProblems(Path repoRoot, Expected expected) {
        List<String> problems = new ArrayList<>();
        Path file = initScript(repoRoot);
        String script = Yaml.read(file);
        Set<String> queues = new TreeSet<>();
        Matcher queue = SCRIPT_QUEUE.matcher(script);
        while (queue.find()) {
            queues.add(queue.group(1));
            if (queue.group(1).equals(expected.queues().get("processing"))
                    && Integer.parseInt(queue.group(2)) != expected.processingVisibilitySeconds()) {
                problems.add(file + ": processing queue visibility timeout " + queue.group(2) + " s, the worker expects "
                        + expected.processingVisibilitySeconds() + " s");
            }
        }
        if (!queues.equals(expected.queueNames())) {
            problems.add(file + ": creates queues " + queues + ", the services use " + expected.queueNames());
        }
        if (!script.contains("--queue-name \"$name-dlq\"")) {
            problems.add(file + ": dead-letter queues are not named <queue>-dlq");
        }
        if (!script.contains("MAX_RECEIVE_COUNT=" + expected.maxReceiveCount() + "\n")) {
            problems.add(file + ": MAX_RECEIVE_COUNT is not " + expected.maxReceiveCount());
        }
        Set<String> tables = scriptTables(repoRoot).keySet();
        if (!tables.equals(expected.tableNames())) {
            problems.add(file + ": creates tables " + tables + ", the services use " + expected.tableNames());
        }
        Matcher bucket = Pattern.compile("BUCKET=\"\\$\\{FRAMESMITH_BUCKET:-([^}]+)}\"").matcher(script);
        if (!bucket.find() || !bucket.group(1).equals(expected.bucket())) {
            problems.add(file + ": default bucket is not " + expected.bucket());
        }
        return problems;
    }

    /** Terraform and the init script create the same keys and indexes; every index the services name exists. */
    public static List<String> indexProblems(Path repoRoot) {
        List<String> problems = new ArrayList<>();
        Map<String, TableShape> terraform = terraformTables(repoRoot);
        Map<String, TableShape> script = scriptTables(repoRoot);
        if (!terraform.equals(script)) {
            problems.add("table keys and indexes differ: Terraform " + terraform + ", LocalStack init script " + script);
        }
        Set<String> indexNames = new TreeSet<>();
        terraform.values().forEach(shape -> shape.indexes().forEach(i -> indexNames.add(i.substring(0, i.indexOf('(')))));
        for (Path source : serviceSources(repoRoot)) {
            Matcher constant = SOURCE_INDEX_CONSTANT.matcher(Yaml.read(source));
            while (constant.find()) {
                if (!indexNames.contains(constant.group(1))) {
                    problems.add(repoRoot.relativize(source) + ": index " + constant.group(1) + " is not created by Terraform "
                            + indexNames);
                }
            }
        }
        return problems;
    }

    private static List<Path> serviceSources(Path repoRoot) {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repoRoot)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    // ---------------------------------------------------------------- environment-based sources

    /** Every FRAMESMITH_AWS_* name variable must carry the name the services default to. */
    public static List<String> environmentProblems(String where, Map<String, Object> environment, Expected expected) {
        List<String> problems = new ArrayList<>();
        Map<String, String> wanted = expected.environment();
        environment.forEach((key, value) -> {
            if (!key.startsWith("FRAMESMITH_AWS_") || key.startsWith("FRAMESMITH_AWS_PROVISION")) {
                return;
            }
            if (!wanted.containsKey(key)) {
                problems.add(where + ": " + key + " is not a setting of framesmith.aws");
            } else if (!wanted.get(key).equals(String.valueOf(value))) {
                problems.add(where + ": " + key + "=" + value + ", the services use " + wanted.get(key));
            }
        });
        return problems;
    }

    /** The names set in the rendered ConfigMaps, and the queue KEDA scales the worker on. */
    public static List<String> kustomizeProblems(String render, List<Manifest> manifests, Expected expected) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Manifest configMap : Manifest.ofKind(manifests, "ConfigMap")) {
            Map<String, Object> data = configMap.map("data");
            problems.addAll(environmentProblems(render + " ConfigMap " + configMap.name(), data, expected));
            data.keySet().stream().filter(k -> k.startsWith("FRAMESMITH_AWS_")).forEach(seen::add);
        }
        Set<String> missing = new TreeSet<>(expected.environment().keySet());
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            problems.add(render + ": no service is configured with " + missing);
        }
        for (Manifest scaled : Manifest.ofKind(manifests, "ScaledObject")) {
            for (Map<String, Object> trigger : scaled.list("spec", "triggers")) {
                String url = Yaml.string(trigger, "metadata", "queueURL").orElse("");
                String queue = url.substring(url.lastIndexOf('/') + 1);
                if (!queue.equals(expected.queues().get("processing"))) {
                    problems.add(render + " ScaledObject " + scaled.name() + ": scales on queue " + queue + ", not "
                            + expected.queues().get("processing"));
                }
            }
        }
        return problems;
    }

    public static List<String> composeProblems(Map<String, Object> compose, Expected expected) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        Yaml.map(compose, "services").forEach((name, definition) -> {
            Map<String, Object> environment = Yaml.map(definition, "environment");
            problems.addAll(environmentProblems("docker-compose.yml service " + name, environment, expected));
            environment.keySet().stream().filter(k -> k.startsWith("FRAMESMITH_AWS_")).forEach(seen::add);
            Optional.ofNullable(environment.get("FRAMESMITH_BUCKET")).map(String::valueOf)
                    .filter(b -> !b.equals(expected.bucket()))
                    .ifPresent(b -> problems.add("docker-compose.yml service " + name + ": FRAMESMITH_BUCKET=" + b
                            + ", the services use " + expected.bucket()));
        });
        Set<String> missing = new TreeSet<>(expected.environment().keySet());
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            problems.add("docker-compose.yml: no service is configured with " + missing);
        }
        return problems;
    }

    /** framesmith.aws.* values in the services' application*.yml (a ${VAR:default} counts by its default). */
    public static List<String> springProblems(Path repoRoot, Expected expected) {
        List<String> problems = new ArrayList<>();
        Map<String, String> wanted = new TreeMap<>();
        expected.queues().forEach((role, name) -> wanted.put("queues." + role, name));
        expected.tables().forEach((role, name) -> wanted.put("tables." + role, name));
        wanted.put("bucket", expected.bucket());
        try (Stream<Path> modules = Files.list(repoRoot)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path resources = module.resolve("src/main/resources");
                if (!Files.isDirectory(resources)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(resources)) {
                    for (Path file : files.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml")).sorted().toList()) {
                        for (Object document : Yaml.loadAll(Yaml.read(file))) {
                            Map<String, Object> aws = Yaml.map(document, "framesmith", "aws");
                            wanted.forEach((path, name) -> {
                                Optional<String> value = Yaml.string(aws, (Object[]) path.split("\\."));
                                value.map(ResourceNames::resolvePlaceholder).filter(v -> !v.equals(name))
                                        .ifPresent(v -> problems.add(repoRoot.relativize(file) + ": framesmith.aws." + path
                                                + " = " + v + ", elsewhere " + name));
                            });
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static String resolvePlaceholder(String value) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        return placeholder.matches() ? placeholder.group(1) : value;
    }
}
