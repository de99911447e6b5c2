package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Vulnerability scans that hold a release back (policy: docs/security.md): CI scans the dependencies, and build-push
 * scans each image it built in the job the release needs, both failing on a HIGH or CRITICAL vulnerability.
 */
public final class ScanGates {

    static final String SCANNER = "aquasecurity/trivy-action@";

    private ScanGates() {
    }

    /** What keeps the scans from gating: empty when CI and build-push follow the policy. */
    public static List<String> problems(Map<String, Object> ci, Map<String, Object> buildPush) {
        List<String> problems = new ArrayList<>();
        boolean dependencies = Yaml.map(ci, "jobs").keySet().stream()
                .anyMatch(job -> failingScan(ci, job, "fs").isPresent());
        if (!dependencies) {
            problems.add("ci.yml: no job scans the dependencies (trivy, scan-type fs) failing on HIGH,CRITICAL");
        }
        List<Map<String, Object>> steps = Yaml.list(buildPush, "jobs", "build", "steps");
        int push = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (String.valueOf(steps.get(i).get("uses")).startsWith("docker/build-push-action@")) {
                push = i;
            }
        }
        Optional<Integer> scan = failingScan(buildPush, "build", "image");
        if (scan.isEmpty()) {
            problems.add("build-push.yml: the build job does not scan its image (trivy, scan-type image) failing on"
                    + " HIGH,CRITICAL");
        } else {
            String image = Yaml.string(steps.get(scan.get()), "with", "image-ref").orElse("");
            if (scan.get() < push || !image.contains("${{ matrix.service }}") || !image.contains("${{ env.SHA }}")) {
                problems.add("build-push.yml: the image scan must run after the build, on the image of this"
                        + " service and commit (image-ref " + image + ")");
            }
        }
        Object needs = Yaml.at(buildPush, "jobs", "release", "needs").orElse(List.of());
        if (!(needs.equals("build") || (needs instanceof List<?> list && list.contains("build")))) {
            problems.add("build-push.yml: the release job does not need the build job, so a failed scan would not"
                    + " stop it");
        }
        return problems;
    }

    /** The index of the job's trivy step of this scan type that fails the job on HIGH and CRITICAL findings. */
    private static Optional<Integer> failingScan(Map<String, Object> workflow, String job, String type) {
        List<Map<String, Object>> steps = Yaml.list(workflow, "jobs", job, "steps");
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> step = steps.get(i);
            Map<String, Object> with = Yaml.map(step, "with");
            Set<String> severities = Set.of(String.valueOf(with.getOrDefault("severity", "")).split("\\s*,\\s*"));
            if (String.valueOf(step.get("uses")).startsWith(SCANNER)
                    && type.equals(String.valueOf(with.get("scan-type")))
                    && "1".equals(String.valueOf(with.get("exit-code")))
                    && severities.containsAll(Set.of("HIGH", "CRITICAL"))
                    && !"true".equals(String.valueOf(step.get("continue-on-error")))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
