package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One Kubernetes object as parsed from YAML, with navigation helpers for the checks. */
public record Manifest(Map<String, Object> content) {

    public String apiVersion() {
        return Yaml.string(content, "apiVersion").orElse("");
    }

    public String kind() {
        return Yaml.string(content, "kind").orElse("");
    }

    public String name() {
        return Yaml.string(content, "metadata", "name").orElse("");
    }

    public String namespace() {
        return Yaml.string(content, "metadata", "namespace").orElse("");
    }

    /** kind/namespace/name, unique within one render. */
    public String id() {
        return kind() + "/" + namespace() + "/" + name();
    }

    public boolean is(String kind, String name) {
        return kind().equals(kind) && name().equals(name);
    }

    public Optional<Object> at(Object... path) {
        return Yaml.at(content, path);
    }

    public Optional<String> string(Object... path) {
        return Yaml.string(content, path);
    }

    public Map<String, Object> map(Object... path) {
        return Yaml.map(content, path);
    }

    public List<Map<String, Object>> list(Object... path) {
        return Yaml.list(content, path);
    }

    /** The pod template's containers of a workload (Deployment, StatefulSet, DaemonSet, Job), else none. */
    public List<Map<String, Object>> containers() {
        List<Map<String, Object>> all = new ArrayList<>(list("spec", "template", "spec", "initContainers"));
        all.addAll(list("spec", "template", "spec", "containers"));
        return all;
    }

    /** A port of the workload's containers: a number as it is, a name as the number of the container port so named. */
    public Optional<Integer> containerPort(Object port) {
        if (String.valueOf(port).matches("\\d+")) {
            return Optional.of(Integer.parseInt(String.valueOf(port)));
        }
        return containers().stream().flatMap(c -> Yaml.list(c, "ports").stream())
                .filter(p -> String.valueOf(port).equals(p.get("name")))
                .map(p -> Integer.parseInt(String.valueOf(p.get("containerPort")))).findFirst();
    }

    public static List<Manifest> parseAll(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        for (Object document : Yaml.loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                manifests.add(new Manifest(Yaml.stringKeys(map)));
            } else if (document != null) {
                throw new IllegalArgumentException("not a Kubernetes object: " + document);
            }
        }
        return manifests;
    }

    public static Optional<Manifest> find(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.is(kind, name)).findFirst();
    }

    public static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }
}
