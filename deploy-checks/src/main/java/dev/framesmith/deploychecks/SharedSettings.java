package dev.framesmith.deploychecks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings ms-video and video-worker both read, {@code framesmith.processing.*} (the limits the worker enforces
 * and ms-video states to clients before they upload), must be given to both alike wherever the two are configured:
 * a limit raised for the worker alone would have the page refuse what the worker accepts, and the other way round.
 */
public final class SharedSettings {

    static final String PREFIX = "FRAMESMITH_PROCESSING_";
    private static final String VIDEO = "ms-video";
    private static final String WORKER = "video-worker";

    private SharedSettings() {
    }

    /** @param environments each service's variables, by service name */
    static List<String> problems(String where, Map<String, Map<String, String>> environments) {
        Map<String, String> video = shared(environments.getOrDefault(VIDEO, Map.of()));
        Map<String, String> worker = shared(environments.getOrDefault(WORKER, Map.of()));
        return video.equals(worker) ? List.of()
                : List.of(where + ": " + VIDEO + " is given " + video + " but " + WORKER + " " + worker);
    }

    /** The two Deployments of a render, with what their containers' ConfigMaps and env give them. */
    public static List<String> kustomizeProblems(String render, List<Manifest> manifests) {
        Map<String, Map<String, String>> environments = new TreeMap<>();
        for (String service : List.of(VIDEO, WORKER)) {
            Manifest.find(manifests, "Deployment", service).ifPresent(deployment -> {
                Map<String, String> environment = new TreeMap<>();
                deployment.containers().forEach(c -> environment.putAll(WorkloadRules.environment(c, manifests)));
                environments.put(service, environment);
            });
        }
        return environments.isEmpty() ? List.of() : problems(render, environments);
    }

    /** The two services of docker-compose.yml. */
    public static List<String> composeProblems(Map<String, Object> compose) {
        Map<String, Map<String, String>> environments = new TreeMap<>();
        Yaml.map(compose, "services").forEach((name, definition) -> {
            Map<String, String> environment = new TreeMap<>();
            Yaml.map(definition, "environment").forEach((key, value) -> environment.put(key, String.valueOf(value)));
            environments.put(name, environment);
        });
        return problems("docker-compose.yml", environments);
    }

    private static Map<String, String> shared(Map<String, String> environment) {
        Map<String, String> shared = new TreeMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                shared.put(key, value);
            }
        });
        return shared;
    }
}
