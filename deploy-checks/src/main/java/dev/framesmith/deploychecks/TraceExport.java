package dev.framesmith.deploychecks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services' spans reach a receiver of the OpenTelemetry Collector that reads what they send. A service that
 * exports (MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED=true) to the collector's Service leads, through the Service port
 * and the collector's container port, to the receiver of the collector's traces pipeline listening there; that
 * receiver must match the service's span format (FRAMESMITH_TRACING_FORMAT, Zipkin's by default), its encoding
 * (MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENCODING, JSON by default) and the path it posts to. Whether the network lets
 * the spans through is {@link NetworkReachability}'s part.
 */
final class TraceExport {

    private static final String COLLECTOR = "otel-collector";
    private static final String PREFIX = "MANAGEMENT_TRACING_EXPORT_ZIPKIN_";

    private TraceExport() {
    }

    /** What listens on a port of the collector: {@code zipkin}, {@code otlp-http} or {@code otlp-grpc}. */
    private record Receiver(String kind, int port) {
    }

    static List<String> problems(String render, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest settings : Manifest.ofKind(manifests, "ConfigMap")) {
            Map<String, Object> data = settings.map("data");
            if (!"true".equals(String.valueOf(data.get(PREFIX + "ENABLED")))) {
                continue;
            }
            URI endpoint = URI.create(String.valueOf(data.get(PREFIX + "ENDPOINT")));
            if (!endpoint.getHost().split("\\.")[0].equals(COLLECTOR)) {
                continue;
            }
            String where = render + ": ConfigMap " + settings.name() + " -> " + endpoint;
            problems.addAll(receiver(manifests, endpoint.getPort())
                    .map(receiver -> mismatches(where, receiver, data, endpoint.getPath()))
                    .orElse(List.of(where + ": no receiver of the collector's traces pipeline listens there")));
        }
        return problems;
    }

    private static List<String> mismatches(String where, Receiver receiver, Map<String, Object> data, String path) {
        String format = String.valueOf(data.getOrDefault("FRAMESMITH_TRACING_FORMAT", "zipkin"));
        String encoding = String.valueOf(data.getOrDefault(PREFIX + "ENCODING", "JSON"));
        Map<String, String> expected = new LinkedHashMap<>();
        switch (receiver.kind()) {
            case "otlp-http" -> {
                expected.put("format", "otlp");
                expected.put("encoding", "PROTO3");
                expected.put("path", "/v1/traces");
            }
            case "zipkin" -> {
                expected.put("format", "zipkin");
                expected.put("path", "/api/v2/spans");
            }
            default -> {
                return List.of(where + ": the " + receiver.kind() + " receiver on port " + receiver.port()
                        + " does not read spans posted over HTTP");
            }
        }
        Map<String, String> sent = Map.of("format", format, "encoding", encoding, "path", path);
        List<String> problems = new ArrayList<>();
        expected.forEach((what, value) -> {
            if (!value.equals(sent.get(what))) {
                problems.add(where + ": the " + receiver.kind() + " receiver on port " + receiver.port() + " reads "
                        + what + " " + value + ", the service sends " + sent.get(what));
            }
        });
        return problems;
    }

    /** The traces receiver on the container port that the collector Service's {@code port} leads to. */
    private static Optional<Receiver> receiver(List<Manifest> manifests, int port) {
        Optional<Manifest> collector = Manifest.find(manifests, "Deployment", COLLECTOR);
        Optional<Object> targetPort = Manifest.find(manifests, "Service", COLLECTOR).stream()
                .flatMap(service -> service.list("spec", "ports").stream())
                .filter(p -> String.valueOf(p.get("port")).equals(String.valueOf(port)))
                .map(p -> p.getOrDefault("targetPort", port)).findFirst();
        Optional<Integer> containerPort = targetPort.flatMap(target -> collector.flatMap(c -> c.containerPort(target)));
        return containerPort.flatMap(number -> receivers(manifests).stream().filter(r -> r.port() == number).findFirst());
    }

    /** The receivers the collector's traces pipeline takes spans from, with the ports they listen on. */
    private static List<Receiver> receivers(List<Manifest> manifests) {
        Map<String, Object> config = Manifest.find(manifests, "ConfigMap", COLLECTOR)
                .flatMap(c -> c.string("data", "config.yaml"))
                .map(text -> Yaml.stringKeys((Map<?, ?>) Yaml.loadAll(text).get(0))).orElse(Map.of());
        List<Receiver> receivers = new ArrayList<>();
        for (String name : Yaml.strings(config, "service", "pipelines", "traces", "receivers")) {
            Map<String, Object> receiver = Yaml.map(config, "receivers", name);
            String type = name.split("/")[0];
            if (type.equals("zipkin")) {
                receivers.add(new Receiver("zipkin", port(receiver, 9411)));
            } else if (type.equals("otlp")) {
                Map<String, Object> protocols = Yaml.map(receiver, "protocols");
                if (protocols.containsKey("http")) {
                    receivers.add(new Receiver("otlp-http", port(Yaml.map(receiver, "protocols", "http"), 4318)));
                }
                if (protocols.containsKey("grpc")) {
                    receivers.add(new Receiver("otlp-grpc", port(Yaml.map(receiver, "protocols", "grpc"), 4317)));
                }
            }
        }
        return receivers;
    }

    /** The port of a receiver's {@code endpoint: host:port}, or the receiver's default. */
    private static int port(Map<String, Object> receiver, int defaultPort) {
        return Yaml.string(receiver, "endpoint").map(e -> Integer.parseInt(e.substring(e.lastIndexOf(':') + 1)))
                .orElse(defaultPort);
    }
}
