package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rendered NetworkPolicies let every workload reach the in-cluster URLs it is configured with (env values and the
 * ConfigMap data its env and envFrom refer to): the URL's Service and port lead to the pods the Service selects and
 * their container port, an Ingress policy of those pods admits the client there, and when Egress policies select the
 * client one of them lets it out to those pods and port. Kubernetes' rules apply: pods no policy of a direction
 * selects are open in that direction, an ipBlock never counts for pods (their addresses are not known here). And a
 * service's management port (MANAGEMENT_SERVER_PORT: health and metrics) admits the monitoring namespace only.
 */
final class NetworkReachability {

    private static final Pattern URL = Pattern.compile("https?://([A-Za-z0-9.-]+)(?::(\\d+))?(?:[/?#][^\\s,;\"']*)?");
    private static final Map<String, Object> MONITORING = Map.of("kubernetes.io/metadata.name", "monitoring");

    private NetworkReachability() {
    }

    /** The pods of a workload: their namespace, labels and containers. */
    private record Pods(Manifest workload) {

        String namespace() {
            return NetworkReachability.namespace(workload);
        }

        Map<String, Object> labels() {
            return workload.map("spec", "template", "metadata", "labels");
        }

        @Override
        public String toString() {
            return workload.kind() + " " + workload.name();
        }
    }

    static List<String> problems(String render, List<Manifest> manifests) {
        List<Pods> workloads = manifests.stream().filter(m -> m.at("spec", "template", "spec").isPresent())
                .map(Pods::new).toList();
        List<String> problems = new ArrayList<>();
        for (Pods client : workloads) {
            for (String value : configuredValues(client, manifests)) {
                Matcher url = URL.matcher(value);
                while (url.find()) {
                    problems.addAll(urlProblems(render + ": " + client + " -> " + url.group(), client, url, workloads, manifests));
                }
            }
        }
        for (Pods pods : workloads) {
            problems.addAll(managementProblems(render, pods, manifests));
        }
        return problems;
    }

    /** Env values and the data of the ConfigMaps the containers' env and envFrom refer to. */
    private static Set<String> configuredValues(Pods pods, List<Manifest> manifests) {
        Set<String> values = new LinkedHashSet<>();
        for (Map<String, Object> container : pods.workload().containers()) {
            for (Map<String, Object> source : Yaml.list(container, "envFrom")) {
                Yaml.string(source, "configMapRef", "name").flatMap(name -> configMap(manifests, pods.namespace(), name))
                        .ifPresent(c -> c.map("data").values().forEach(v -> values.add(String.valueOf(v))));
            }
            for (Map<String, Object> env : Yaml.list(container, "env")) {
                Yaml.string(env, "value").ifPresent(values::add);
                Yaml.string(env, "valueFrom", "configMapKeyRef", "name").flatMap(name -> configMap(manifests, pods.namespace(), name))
                        .flatMap(c -> c.string("data", Yaml.string(env, "valueFrom", "configMapKeyRef", "key").orElse("")))
                        .ifPresent(values::add);
            }
        }
        return values;
    }

    private static String namespace(Manifest manifest) {
        return manifest.namespace().isEmpty() ? "default" : manifest.namespace();
    }

    private static Optional<Manifest> configMap(List<Manifest> manifests, String namespace, String name) {
        return Manifest.ofKind(manifests, "ConfigMap").stream()
                .filter(c -> c.name().equals(name) && namespace(c).equals(namespace)).findFirst();
    }

    private static List<String> urlProblems(String where, Pods client, Matcher url, List<Pods> workloads,
            List<Manifest> manifests) {
        String[] host = url.group(1).toLowerCase().split("\\.");
        if (!inCluster(host, manifests)) {
            return List.of();
        }
        String namespace = host.length == 1 ? client.namespace() : host[1];
        int port = url.group(2) != null ? Integer.parseInt(url.group(2)) : url.group().startsWith("https") ? 443 : 80;
        Optional<Manifest> service = Manifest.ofKind(manifests, "Service").stream()
                .filter(s -> s.name().equals(host[0]) && namespace(s).equals(namespace)).findFirst();
        if (service.isEmpty()) {
            return List.of(where + ": no Service " + namespace + "/" + host[0] + " in the render");
        }
        Optional<Map<String, Object>> servicePort = service.get().list("spec", "ports").stream()
                .filter(p -> String.valueOf(p.get("port")).equals(String.valueOf(port))).findFirst();
        Map<String, Object> selector = service.get().map("spec", "selector");
        List<Pods> targets = workloads.stream()
                .filter(w -> w.namespace().equals(namespace) && !selector.isEmpty() && matchLabels(selector, w.labels()))
                .toList();
        if (servicePort.isEmpty() || targets.isEmpty()) {
            return List.of(where + ": Service " + host[0] + (servicePort.isEmpty() ? " has no port " + port : " selects no pods"));
        }
        List<String> problems = new ArrayList<>();
        for (Pods target : targets) {
            Object targetPort = servicePort.get().getOrDefault("targetPort", port);
            Optional<Integer> number = target.workload().containerPort(targetPort);
            if (number.isEmpty()) {
                problems.add(where + ": " + target + " has no container port " + targetPort);
                continue;
            }
            String destination = target + " port " + number.get() + " (Service " + host[0] + " port " + port + ")";
            if (!allowed(manifests, "Ingress", target, client, target, number.get())) {
                problems.add(where + ": no NetworkPolicy admits " + client + " into " + destination);
            }
            if (!allowed(manifests, "Egress", client, target, target, number.get())) {
                problems.add(where + ": no NetworkPolicy lets " + client + " out to " + destination);
            }
        }
        return problems;
    }

    /** {@code <service>}, {@code <service>.<namespace of the render>} or {@code <service>.<namespace>.svc...}. */
    private static boolean inCluster(String[] host, List<Manifest> manifests) {
        if (host.length == 1) {
            return !host[0].equals("localhost");
        }
        return host.length == 2 ? manifests.stream().anyMatch(m -> namespace(m).equals(host[1]) || m.is("Namespace", host[1]))
                : host[2].equals("svc");
    }

    /** Whether the policies of the direction that select {@code pods} let {@code peer} through on the target's port. */
    private static boolean allowed(List<Manifest> manifests, String direction, Pods pods, Pods peer, Pods target, int port) {
        List<Manifest> policies = isolating(manifests, direction, pods);
        String rules = direction.equals("Ingress") ? "ingress" : "egress";
        String peers = direction.equals("Ingress") ? "from" : "to";
        return policies.isEmpty() || policies.stream().flatMap(p -> p.list("spec", rules).stream())
                .anyMatch(rule -> coversPort(rule, target, port) && (Yaml.list(rule, peers).isEmpty()
                        || Yaml.list(rule, peers).stream().anyMatch(p -> selectsPeer(p, pods.namespace(), peer, manifests))));
    }

    /** The NetworkPolicies that select the pods for the direction ("Ingress" or "Egress"). */
    private static List<Manifest> isolating(List<Manifest> manifests, String direction, Pods pods) {
        return Manifest.ofKind(manifests, "NetworkPolicy").stream()
                .filter(p -> namespace(p).equals(pods.namespace()))
                .filter(p -> selects(p.map("spec", "podSelector"), pods.labels()))
                .filter(p -> p.at("spec", "policyTypes").isPresent()
                        ? Yaml.strings(p.content(), "spec", "policyTypes").contains(direction)
                        : direction.equals("Ingress") || p.at("spec", "egress").isPresent())
                .toList();
    }

    private static boolean coversPort(Map<String, Object> rule, Pods target, int port) {
        List<Map<String, Object>> ports = Yaml.list(rule, "ports");
        return ports.isEmpty() || ports.stream().anyMatch(p -> {
            if (!String.valueOf(p.getOrDefault("protocol", "TCP")).equals("TCP")) {
                return false;
            }
            if (!p.containsKey("port")) {
                return true;
            }
            Optional<Integer> from = target.workload().containerPort(p.get("port"));
            int to = Integer.parseInt(String.valueOf(p.getOrDefault("endPort", from.orElse(-1))));
            return from.isPresent() && from.get() <= port && port <= to;
        });
    }

    /** A policy peer of a policy in {@code namespace} that selects the peer pods (an ipBlock never does). */
    private static boolean selectsPeer(Map<String, Object> peer, String namespace, Pods pods, List<Manifest> manifests) {
        if (peer.containsKey("ipBlock")) {
            return false;
        }
        boolean inNamespace = peer.containsKey("namespaceSelector")
                ? selects(Yaml.map(peer, "namespaceSelector"), namespaceLabels(pods.namespace(), manifests))
                : pods.namespace().equals(namespace);
        return inNamespace && selects(Yaml.map(peer, "podSelector"), pods.labels());
    }

    private static Map<String, Object> namespaceLabels(String namespace, List<Manifest> manifests) {
        Map<String, Object> labels = new LinkedHashMap<>();
        Manifest.find(manifests, "Namespace", namespace).ifPresent(n -> labels.putAll(n.map("metadata", "labels")));
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    /** A label selector (matchLabels and matchExpressions; empty selects everything). */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return matchLabels(Yaml.map(selector, "matchLabels"), labels)
                && Yaml.list(selector, "matchExpressions").stream().allMatch(e -> {
                    String key = Yaml.string(e, "key").orElse("");
                    boolean in = labels.containsKey(key)
                            && Yaml.strings(e, "values").contains(String.valueOf(labels.get(key)));
                    return switch (Yaml.string(e, "operator").orElse("")) {
                        case "In" -> in;
                        case "NotIn" -> !in;
                        case "Exists" -> labels.containsKey(key);
                        case "DoesNotExist" -> !labels.containsKey(key);
                        default -> false;
                    };
                });
    }

    private static boolean matchLabels(Map<String, Object> matchLabels, Map<String, Object> labels) {
        return matchLabels.entrySet().stream()
                .allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey()))));
    }

    /** The management port (health and metrics) admits only the monitoring namespace: no pod selector, no ipBlock. */
    private static List<String> managementProblems(String render, Pods pods, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> container : Yaml.list(pods.workload().content(), "spec", "template", "spec", "containers")) {
            Optional<Integer> management = WorkloadRules.env(container, manifests, "MANAGEMENT_SERVER_PORT")
                    .flatMap(port -> pods.workload().containerPort(port));
            if (management.isEmpty()) {
                continue;
            }
            String where = render + ": " + pods + " management port " + management.get();
            List<Manifest> policies = isolating(manifests, "Ingress", pods);
            if (policies.isEmpty()) {
                problems.add(where + " is open to every pod: no NetworkPolicy isolates " + pods);
            }
            for (Manifest policy : policies) {
                for (Map<String, Object> rule : policy.list("spec", "ingress")) {
                    if (!coversPort(rule, pods, management.get())) {
                        continue;
                    }
                    if (Yaml.list(rule, "from").isEmpty()) {
                        problems.add(where + " is open to every source (NetworkPolicy " + policy.name() + ")");
                    }
                    for (Map<String, Object> peer : Yaml.list(rule, "from")) {
                        boolean monitoring = !peer.containsKey("ipBlock")
                                && Yaml.map(peer, "namespaceSelector").equals(Map.of("matchLabels", MONITORING));
                        if (!monitoring) {
                            problems.add(where + " is open to " + peer + " (NetworkPolicy " + policy.name() + ")");
                        }
                    }
                }
            }
        }
        return problems;
    }
}
