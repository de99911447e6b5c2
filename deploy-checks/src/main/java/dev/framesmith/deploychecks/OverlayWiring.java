package dev.framesmith.deploychecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform's k8s_overlay_env output, the committed aws.env of every AWS overlay and the replacements that read it
 * (infra/k8s/aws/wiring) name the same keys, so `terraform output -raw k8s_overlay_env > aws.env` wires every value
 * into the overlay of that account.
 */
public final class OverlayWiring {

    private static final Pattern OUTPUT_KEY = Pattern.compile("\"([A-Z][A-Z0-9_]*)=");
    private static final Pattern REPLACEMENT_KEY = Pattern.compile("fieldPath:\\s*data\\.([A-Z][A-Z0-9_]*)");

    private OverlayWiring() {
    }

    /** The overlays deployed to an AWS account, each with its account's aws-outputs/aws.env. */
    public static final List<String> AWS_OVERLAYS = List.of("prod", "aws-dev");
    static final String WIRING = "infra/k8s/aws/wiring/kustomization.yaml";

    public static Path envFile(Path repoRoot) {
        return envFile(repoRoot, "prod");
    }

    public static Path envFile(Path repoRoot, String overlay) {
        return repoRoot.resolve("infra/k8s/overlays/" + overlay + "/aws-outputs/aws.env");
    }

    public static Set<String> terraformKeys(Path repoRoot) {
        Hcl outputs = new Hcl(Yaml.read(repoRoot.resolve("infra/terraform/modules/framesmith/outputs.tf")));
        Set<String> keys = new TreeSet<>();
        outputs.blocks("output").stream().filter(b -> b.label(0).equals("k8s_overlay_env")).forEach(b -> {
            Matcher matcher = OUTPUT_KEY.matcher(outputs.body(b));
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        });
        return keys;
    }

    public static Map<String, String> envValues(Path file) {
        Map<String, String> values = new TreeMap<>();
        for (String line : Yaml.read(file).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            values.put(equals < 0 ? trimmed : trimmed.substring(0, equals), equals < 0 ? "" : trimmed.substring(equals + 1));
        }
        return values;
    }

    public static Set<String> replacementKeys(Path repoRoot) {
        Set<String> keys = new TreeSet<>();
        Matcher matcher = REPLACEMENT_KEY.matcher(Yaml.read(repoRoot.resolve(WIRING)));
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    public static List<String> problems(Path repoRoot) {
        List<String> problems = new ArrayList<>();
        Set<String> terraform = terraformKeys(repoRoot);
        Set<String> replacements = replacementKeys(repoRoot);
        if (terraform.isEmpty()) {
            problems.add("infra/terraform/modules/framesmith/outputs.tf: output k8s_overlay_env names no keys");
        }
        for (String overlay : AWS_OVERLAYS) {
            Set<String> env = envValues(envFile(repoRoot, overlay)).keySet();
            if (!terraform.equals(env)) {
                problems.add(envFile(repoRoot, overlay) + ": keys " + env + " differ from Terraform's k8s_overlay_env "
                        + terraform);
            }
        }
        if (!terraform.equals(replacements)) {
            problems.add(WIRING + ": replacements read " + replacements + ", Terraform's k8s_overlay_env writes " + terraform);
        }
        return problems;
    }
}
