package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order in which Argo CD creates things, for the Jobs that run as sync hooks. A hook's pod starts only when the
 * Secrets and ConfigMaps it reads exist, so each must come from an Application of an earlier sync wave, or from the
 * hook's own Application in an earlier wave of the same sync: never from its own Application when the hook runs
 * before that Application's objects are applied (PreSync), as it would on the very first sync.
 */
public final class SyncOrder {

    private static final String HOOK = "argocd.argoproj.io/hook";
    private static final String WAVE = "argocd.argoproj.io/sync-wave";

    /** One Application's objects and its wave among the Applications. */
    public record Application(String name, int wave, List<Manifest> manifests) {
    }

    private SyncOrder() {
    }

    public static List<String> hookProblems(List<Application> applications) {
        List<String> problems = new ArrayList<>();
        for (Application application : applications) {
            for (Manifest job : Manifest.ofKind(application.manifests(), "Job")) {
                Optional<String> hook = job.string("metadata", "annotations", HOOK);
                if (hook.isEmpty()) {
                    continue;
                }
                for (String needed : inputs(job)) {
                    String kind = needed.substring(0, needed.indexOf('/'));
                    String name = needed.substring(needed.indexOf('/') + 1);
                    boolean earlierApplication = applications.stream().anyMatch(other -> other.wave() < application.wave()
                            && provides(other.manifests(), kind, name, Integer.MAX_VALUE));
                    boolean earlierWave = !hook.get().equals("PreSync")
                            && provides(application.manifests(), kind, name, wave(job));
                    if (!earlierApplication && !earlierWave) {
                        problems.add("Application " + application.name() + ": the " + hook.get() + " hook Job "
                                + job.name() + " reads " + needed + ", which no earlier Application or sync wave"
                                + " creates: on the first sync its pod never starts");
                    }
                }
            }
        }
        return problems;
    }

    /** The Secrets and ConfigMaps the Job's pod reads, as {@code Secret/name} and {@code ConfigMap/name}. */
    static Set<String> inputs(Manifest job) {
        Set<String> inputs = new TreeSet<>();
        Map<String, Object> pod = job.map("spec", "template", "spec");
        for (Map<String, Object> container : Yaml.list(pod, "containers")) {
            for (Map<String, Object> env : Yaml.list(container, "env")) {
                Yaml.string(env, "valueFrom", "secretKeyRef", "name").ifPresent(n -> inputs.add("Secret/" + n));
                Yaml.string(env, "valueFrom", "configMapKeyRef", "name").ifPresent(n -> inputs.add("ConfigMap/" + n));
            }
            for (Map<String, Object> source : Yaml.list(container, "envFrom")) {
                Yaml.string(source, "secretRef", "name").ifPresent(n -> inputs.add("Secret/" + n));
                Yaml.string(source, "configMapRef", "name").ifPresent(n -> inputs.add("ConfigMap/" + n));
            }
        }
        for (Map<String, Object> volume : Yaml.list(pod, "volumes")) {
            Yaml.string(volume, "secret", "secretName").ifPresent(n -> inputs.add("Secret/" + n));
            Yaml.string(volume, "configMap", "name").ifPresent(n -> inputs.add("ConfigMap/" + n));
        }
        return inputs;
    }

    /** Whether a non-hook object of a wave before {@code beforeWave} is, or makes (an ExternalSecret), that object. */
    private static boolean provides(List<Manifest> manifests, String kind, String name, int beforeWave) {
        return manifests.stream()
                .filter(m -> m.string("metadata", "annotations", HOOK).isEmpty() && wave(m) < beforeWave)
                .anyMatch(m -> m.is(kind, name) || kind.equals("Secret") && m.kind().equals("ExternalSecret")
                        && m.string("spec", "target", "name").orElse(m.name()).equals(name));
    }

    static int wave(Manifest manifest) {
        return manifest.string("metadata", "annotations", WAVE).map(Integer::parseInt).orElse(0);
    }
}
