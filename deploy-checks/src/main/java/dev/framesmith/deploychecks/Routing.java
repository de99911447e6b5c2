package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Ingress routes like the local gateway: /auth to ms-auth, /videos and / to ms-video, nothing else. */
public final class Routing {

    public static final Map<String, String> ROUTES = Map.of("/auth", "ms-auth", "/videos", "ms-video", "/", "ms-video");

    private Routing() {
    }

    public static List<String> problems(String render, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<Manifest> ingresses = Manifest.ofKind(manifests, "Ingress");
        if (ingresses.size() != 1) {
            problems.add(render + ": expected one Ingress, found " + ingresses.size());
            return problems;
        }
        Manifest ingress = ingresses.get(0);
        Map<String, String> routes = new TreeMap<>();
        for (Map<String, Object> rule : ingress.list("spec", "rules")) {
            for (Map<String, Object> path : Yaml.list(rule, "http", "paths")) {
                String service = Yaml.string(path, "backend", "service", "name").orElse("");
                routes.put(Yaml.string(path, "path").orElse(""), service);
                if (Manifest.find(manifests, "Service", service).isEmpty()) {
                    problems.add(render + ": Ingress routes to Service " + service + ", which is not part of the render");
                }
            }
        }
        if (!routes.equals(new TreeMap<>(ROUTES))) {
            problems.add(render + ": Ingress routes " + routes + ", expected " + new TreeMap<>(ROUTES));
        }
        return problems;
    }
}
