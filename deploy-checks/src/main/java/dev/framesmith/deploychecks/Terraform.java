package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Offline Terraform checks: formatting (terraform fmt), every variable documented and used, and module calls
 * that agree with the modules they call (arguments are variables, required variables are set, referenced
 * outputs exist). {@code terraform validate} needs the providers, which only CI can download.
 */
public final class Terraform {

    private static final Pattern VAR_REFERENCE = Pattern.compile("\\bvar\\.([A-Za-z_][\\w-]*)");
    private static final Pattern MODULE_OUTPUT_REFERENCE = Pattern.compile("\\bmodule\\.([A-Za-z_][\\w-]*)\\.([A-Za-z_][\\w-]*)");
    private static final Set<String> MODULE_META_ARGUMENTS = Set.of("source", "version", "count", "for_each", "providers", "depends_on");

    private Terraform() {
    }

    public static boolean available() {
        return Processes.onPath("terraform");
    }

    /** {@code terraform fmt -check -recursive}: exit 0 when formatted; otherwise lists the files. */
    public static Processes.Result formatCheck(Path directory) {
        return Processes.run(directory, Duration.ofMinutes(1),
                List.of("terraform", "fmt", "-check", "-recursive", "-diff", "-no-color"));
    }

    /** Every directory holding .tf files (root modules and modules), sorted. */
    public static List<Path> configurationDirectories(Path terraformRoot) {
        try (Stream<Path> files = Files.walk(terraformRoot)) {
            return files.filter(p -> p.toString().endsWith(".tf"))
                    .filter(p -> !p.toString().contains("/.terraform/"))
                    .map(Path::getParent).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed .tf files of one directory, by file name. */
    static Map<String, Hcl> load(Path directory) {
        Map<String, Hcl> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.filter(p -> p.toString().endsWith(".tf")).sorted()
                    .forEach(p -> files.put(p.getFileName().toString(), new Hcl(Yaml.read(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Variable name to whether it has a default, for one module directory. */
    static Map<String, Boolean> variables(Map<String, Hcl> files) {
        Map<String, Boolean> variables = new LinkedHashMap<>();
        files.values().forEach(hcl -> hcl.blocks("variable")
                .forEach(b -> variables.put(b.label(0), hcl.attributes(b).contains("default"))));
        return variables;
    }

    static Set<String> outputs(Map<String, Hcl> files) {
        Set<String> outputs = new TreeSet<>();
        files.values().forEach(hcl -> hcl.blocks("output").forEach(b -> outputs.add(b.label(0))));
        return outputs;
    }

    /** Variables without a description, or declared and never read. */
    public static List<String> variableProblems(Path directory) {
        Map<String, Hcl> files = load(directory);
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        files.forEach((name, hcl) -> {
            String code = hcl.withoutComments();
            StringBuilder outsideVariables = new StringBuilder(code);
            for (Hcl.Block block : hcl.blocks("variable")) {
                for (int i = block.bodyStart(); i < block.bodyEnd(); i++) {
                    outsideVariables.setCharAt(i, ' ');
                }
                String description = hcl.attributeValues(block).getOrDefault("description", "");
                if (description.isBlank() || description.equals("\"\"")) {
                    problems.add(directory.resolve(name) + ": variable \"" + block.label(0) + "\" has no description");
                }
            }
            Matcher matcher = VAR_REFERENCE.matcher(outsideVariables);
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        });
        variables(files).keySet().stream().filter(v -> !used.contains(v))
                .forEach(v -> problems.add(directory + ": variable \"" + v + "\" is declared but never used"));
        return problems;
    }

    /** Module calls whose arguments, required variables or referenced outputs disagree with the called module. */
    public static List<String> moduleProblems(Path directory) {
        Map<String, Hcl> files = load(directory);
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Hcl>> called = new LinkedHashMap<>();
        files.forEach((name, hcl) -> {
            for (Hcl.Block module : hcl.blocks("module")) {
                String where = directory.resolve(name) + ": module \"" + module.label(0) + "\"";
                String source = hcl.attributeValues(module).getOrDefault("source", "");
                if (!source.startsWith("\"./") && !source.startsWith("\"../")) {
                    problems.add(where + ": source " + source + " is not a local module");
                    continue;
                }
                Path target = directory.resolve(source.substring(1, source.length() - 1)).normalize();
                if (!Files.isDirectory(target)) {
                    problems.add(where + ": source " + target + " does not exist");
                    continue;
                }
                Map<String, Hcl> targetFiles = load(target);
                called.put(module.label(0), targetFiles);
                Map<String, Boolean> variables = variables(targetFiles);
                List<String> arguments = hcl.attributes(module).stream().filter(a -> !MODULE_META_ARGUMENTS.contains(a)).toList();
                arguments.stream().filter(a -> !variables.containsKey(a))
                        .forEach(a -> problems.add(where + ": argument \"" + a + "\" is not a variable of " + target));
                variables.forEach((variable, hasDefault) -> {
                    if (!hasDefault && !arguments.contains(variable)) {
                        problems.add(where + ": required variable \"" + variable + "\" of " + target + " is not set");
                    }
                });
            }
        });
        files.forEach((name, hcl) -> {
            Matcher matcher = MODULE_OUTPUT_REFERENCE.matcher(hcl.withoutComments());
            while (matcher.find()) {
                Map<String, Hcl> target = called.get(matcher.group(1));
                if (target == null) {
                    problems.add(directory.resolve(name) + ": module." + matcher.group(1) + " is not declared here");
                } else if (!outputs(target).contains(matcher.group(2))) {
                    problems.add(directory.resolve(name) + ": module." + matcher.group(1) + " has no output \"" + matcher.group(2) + "\"");
                }
            }
        });
        return problems;
    }

    /** Outputs and variables must also be documented. */
    public static List<String> outputProblems(Path directory) {
        List<String> problems = new ArrayList<>();
        load(directory).forEach((name, hcl) -> hcl.blocks("output").forEach(b -> {
            String description = hcl.attributeValues(b).getOrDefault("description", "");
            if (description.isBlank() || description.equals("\"\"")) {
                problems.add(directory.resolve(name) + ": output \"" + b.label(0) + "\" has no description");
            }
        }));
        return problems;
    }
}
