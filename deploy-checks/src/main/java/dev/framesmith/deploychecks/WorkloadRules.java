package dev.framesmith.deploychecks;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every Framesmith workload must have in a rendered overlay: actuator probes, a non-root read-only
 * container, resource requests and a memory limit, a grace period longer than the service's drain, a
 * disruption budget, an autoscaler (HPA for the APIs, KEDA for the worker), a service account and network
 * policies starting from default-deny.
 */
public final class WorkloadRules {

    private WorkloadRules() {
    }

    public static List<String> problems(String render, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<Manifest> ours = Manifest.ofKind(manifests, "Deployment").stream()
                .filter(d -> d.containers().stream().anyMatch(c -> Images.service(Yaml.string(c, "image").orElse("")).isPresent()))
                .toList();
        if (ours.isEmpty()) {
            problems.add(render + ": no Framesmith Deployment");
        }
        for (Manifest deployment : ours) {
            String where = render + " Deployment " + deployment.name();
            problems.addAll(podProblems(where, deployment, manifests));
            boolean worker = deployment.name().equals("video-worker");
            boolean hpa = Manifest.ofKind(manifests, "HorizontalPodAutoscaler").stream()
                    .anyMatch(h -> h.string("spec", "scaleTargetRef", "name").orElse("").equals(deployment.name()));
            boolean keda = Manifest.ofKind(manifests, "ScaledObject").stream()
                    .anyMatch(s -> s.string("spec", "scaleTargetRef", "name").orElse("").equals(deployment.name()));
            if (worker && (!keda || hpa)) {
                problems.add(where + ": the worker must scale with a KEDA ScaledObject on queue depth, not an HPA");
            }
            if (!worker && !hpa) {
                problems.add(where + ": an API needs a HorizontalPodAutoscaler");
            }
            boolean pdb = Manifest.ofKind(manifests, "PodDisruptionBudget").stream()
                    .anyMatch(p -> p.map("spec", "selector", "matchLabels").entrySet().stream()
                            .allMatch(e -> e.getValue().equals(deployment.map("spec", "template", "metadata", "labels").get(e.getKey()))));
            if (!pdb) {
                problems.add(where + ": no PodDisruptionBudget selects its pods");
            }
            boolean policy = Manifest.ofKind(manifests, "NetworkPolicy").stream()
                    .anyMatch(p -> !p.map("spec", "podSelector", "matchLabels").isEmpty()
                            && p.map("spec", "podSelector", "matchLabels").entrySet().stream()
                            .allMatch(e -> e.getValue().equals(deployment.map("spec", "template", "metadata", "labels").get(e.getKey()))));
            if (!policy) {
                problems.add(where + ": no NetworkPolicy of its own");
            }
        }
        boolean defaultDeny = Manifest.ofKind(manifests, "NetworkPolicy").stream()
                .anyMatch(p -> p.map("spec", "podSelector").isEmpty()
                        && p.at("spec", "policyTypes").map(Object::toString).orElse("").contains("Ingress")
                        && p.at("spec", "policyTypes").map(Object::toString).orElse("").contains("Egress")
                        && p.list("spec", "ingress").isEmpty() && p.list("spec", "egress").isEmpty());
        if (!ours.isEmpty() && !defaultDeny) {
            problems.add(render + ": no default-deny NetworkPolicy");
        }
        return problems;
    }

    private static List<String> podProblems(String where, Manifest deployment, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> pod = deployment.map("spec", "template", "spec");
        if (!Boolean.TRUE.equals(Yaml.at(pod, "securityContext", "runAsNonRoot").orElse(false))) {
            problems.add(where + ": pod securityContext.runAsNonRoot is not true");
        }
        String account = Yaml.string(pod, "serviceAccountName").orElse("");
        if (account.isEmpty() || Manifest.find(manifests, "ServiceAccount", account).isEmpty()) {
            problems.add(where + ": its ServiceAccount " + account + " is not part of the render");
        }
        long grace = Yaml.at(pod, "terminationGracePeriodSeconds").map(v -> Long.parseLong(String.valueOf(v))).orElse(30L);
        for (Map<String, Object> container : Yaml.list(pod, "containers")) {
            String name = where + " container " + Yaml.string(container, "name").orElse("?");
            if (!Yaml.string(container, "livenessProbe", "httpGet", "path").orElse("").equals("/actuator/health/liveness")) {
                problems.add(name + ": livenessProbe is not /actuator/health/liveness");
            }
            if (!Yaml.string(container, "readinessProbe", "httpGet", "path").orElse("").equals("/actuator/health/readiness")) {
                problems.add(name + ": readinessProbe is not /actuator/health/readiness");
            }
            if (!Boolean.TRUE.equals(Yaml.at(container, "securityContext", "readOnlyRootFilesystem").orElse(false))) {
                problems.add(name + ": readOnlyRootFilesystem is not true");
            }
            if (!Boolean.FALSE.equals(Yaml.at(container, "securityContext", "allowPrivilegeEscalation").orElse(true))) {
                problems.add(name + ": allowPrivilegeEscalation is not false");
            }
            if (!Yaml.at(container, "securityContext", "capabilities", "drop").map(Object::toString).orElse("").contains("ALL")) {
                problems.add(name + ": capabilities are not all dropped");
            }
            if (Yaml.at(container, "resources", "requests", "cpu").isEmpty() || Yaml.at(container, "resources", "requests", "memory").isEmpty()) {
                problems.add(name + ": no CPU and memory requests");
            }
            if (Yaml.at(container, "resources", "limits", "memory").isEmpty()) {
                problems.add(name + ": no memory limit");
            }
            problems.addAll(managementProblems(name, deployment, container, manifests));
            Optional<Duration> drain = shutdownPhase(container, manifests);
            long preStop = Yaml.at(container, "lifecycle", "preStop", "sleep", "seconds")
                    .map(v -> Long.parseLong(String.valueOf(v))).orElse(0L);
            if (drain.isEmpty()) {
                problems.add(name + ": SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE is not set, the grace period cannot be checked");
            } else if (grace <= drain.get().toSeconds() + preStop) {
                problems.add(name + ": terminationGracePeriodSeconds " + grace + " is not longer than preStop " + preStop
                        + " s + shutdown " + drain.get().toSeconds() + " s");
            }
        }
        return problems;
    }

    /** The drain time from the container's ConfigMaps (envFrom) or env. */
    private static Optional<Duration> shutdownPhase(Map<String, Object> container, List<Manifest> manifests) {
        return env(container, manifests, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").map(WorkloadRules::parseDuration);
    }

    /**
     * Health and metrics on the management port only: the probes and the ServiceMonitor use the container port that
     * is MANAGEMENT_SERVER_PORT, which is not the service port, and nothing the Ingress routes to reaches it; the
     * API documents are switched off.
     */
    private static List<String> managementProblems(String name, Manifest deployment, Map<String, Object> container,
            List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Optional<String> management = env(container, manifests, "MANAGEMENT_SERVER_PORT");
        if (management.isEmpty()) {
            problems.add(name + ": MANAGEMENT_SERVER_PORT is not set; health and metrics would share the service port");
            return problems;
        }
        Optional<String> server = env(container, manifests, "SERVER_PORT");
        if (server.equals(management)) {
            problems.add(name + ": the management port is the service port " + management.get());
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Object port = Yaml.at(container, probe, "httpGet", "port").orElse("");
            if (!containerPort(container, port).equals(management)) {
                problems.add(name + ": " + probe + " does not probe the management port " + management.get());
            }
        }
        Map<String, Object> labels = deployment.map("spec", "template", "metadata", "labels");
        for (Manifest service : Manifest.ofKind(manifests, "Service")) {
            boolean selects = !service.map("spec", "selector").isEmpty() && service.map("spec", "selector").entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
            if (!selects) {
                continue;
            }
            for (Map<String, Object> port : service.list("spec", "ports")) {
                boolean managementPort = containerPort(container, port.getOrDefault("targetPort", port.get("port")))
                        .equals(management);
                String portName = String.valueOf(port.get("name"));
                boolean routed = Manifest.ofKind(manifests, "Ingress").stream().flatMap(i -> i.list("spec", "rules").stream())
                        .flatMap(r -> Yaml.list(r, "http", "paths").stream())
                        .anyMatch(p -> Yaml.string(p, "backend", "service", "name").orElse("").equals(service.name())
                                && (Yaml.string(p, "backend", "service", "port", "name").orElse("").equals(portName)
                                || Yaml.string(p, "backend", "service", "port", "number").orElse("").equals(String.valueOf(port.get("port")))));
                if (managementPort && routed) {
                    problems.add(name + ": the Ingress routes to the management port through Service " + service.name());
                }
                boolean scraped = Manifest.ofKind(manifests, "ServiceMonitor").stream()
                        .filter(m -> m.map("spec", "selector", "matchLabels").entrySet().stream()
                                .allMatch(e -> e.getValue().equals(service.map("metadata", "labels").get(e.getKey()))))
                        .flatMap(m -> m.list("spec", "endpoints").stream())
                        .anyMatch(e -> portName.equals(e.get("port")));
                if (scraped && !managementPort) {
                    problems.add(name + ": Prometheus scrapes Service " + service.name() + " port " + portName
                            + ", not the management port");
                }
            }
        }
        if (!deployment.name().equals("video-worker")) {
            for (String key : List.of("SPRINGDOC_API_DOCS_ENABLED", "SPRINGDOC_SWAGGER_UI_ENABLED")) {
                if (!env(container, manifests, key).orElse("").equals("false")) {
                    problems.add(name + ": " + key + " is not false: the API documents would be public");
                }
            }
        }
        return problems;
    }

    /** The number of a container port given by name or number. */
    private static Optional<String> containerPort(Map<String, Object> container, Object port) {
        for (Map<String, Object> declared : Yaml.list(container, "ports")) {
            if (String.valueOf(port).equals(String.valueOf(declared.get("name")))
                    || String.valueOf(port).equals(String.valueOf(declared.get("containerPort")))) {
                return Optional.of(String.valueOf(declared.get("containerPort")));
            }
        }
        return Optional.empty();
    }

    /** A variable of the container, from its ConfigMaps (envFrom) or its env. */
    static Optional<String> env(Map<String, Object> container, List<Manifest> manifests, String key) {
        return Optional.ofNullable(environment(container, manifests).get(key));
    }

    /**
     * The container's variables with a value written in the manifests: its ConfigMaps' data (envFrom, later ones
     * winning), then its env; a variable taken from elsewhere (a Secret, a field) has none.
     */
    static Map<String, String> environment(Map<String, Object> container, List<Manifest> manifests) {
        Map<String, String> environment = new TreeMap<>();
        for (Map<String, Object> source : Yaml.list(container, "envFrom")) {
            Yaml.string(source, "configMapRef", "name").flatMap(name -> Manifest.find(manifests, "ConfigMap", name))
                    .ifPresent(c -> c.map("data").forEach((key, value) -> environment.put(key, String.valueOf(value))));
        }
        for (Map<String, Object> env : Yaml.list(container, "env")) {
            String name = Yaml.string(env, "name").orElse("");
            Yaml.string(env, "value").ifPresentOrElse(value -> environment.put(name, value),
                    () -> environment.remove(name));
        }
        return environment;
    }

    static Duration parseDuration(String value) {
        String v = value.trim();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.chars().allMatch(Character::isDigit)) {
                return Duration.ofMillis(Long.parseLong(v));
            }
            return Duration.parse(v);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: " + value, e);
        }
    }
}
