package dev.framesmith.local.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Forwards one exchange to the route's target and streams the answer back. */
final class ProxyHandler implements HttpHandler {

    private static final System.Logger log = System.getLogger(ProxyHandler.class.getName());

    /** Headers that describe one connection, never the message (RFC 9110 §7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** Request headers the gateway sets itself or that the HTTP client computes. */
    private static final Set<String> SET_BY_GATEWAY = Set.of("content-length", "expect", "host", "x-forwarded-for",
            "x-forwarded-proto");
    /** Response headers the gateway's server writes itself. */
    private static final Set<String> SET_BY_SERVER = Set.of("content-length", "date");
    private static final boolean HOST_PASSES = hostHeaderAllowed();
    private static final int BUFFER = 64 * 1024;

    private final Routes routes;
    private final HttpClient client;

    ProxyHandler(Routes routes, HttpClient client) {
        this.routes = routes;
        this.client = client;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        if (!isPlainPath(uri)) {
            problem(exchange, 400, "bad-request", "Bad Request", "The request path is not a plain absolute path.");
            return;
        }
        HttpRequest request;
        try {
            request = upstreamRequest(exchange, routes.targetFor(path));
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "bad-request", "Bad Request", "The request cannot be forwarded.");
            return;
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            problem(exchange, 502, "bad-gateway", "Bad Gateway",
                    "The service behind " + routes.targetFor(path).getPort() + " is not answering.");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (IOException e) {
            // The client went away mid-request, or the service cut the connection before answering.
            log.log(System.Logger.Level.DEBUG, "forwarding " + exchange.getRequestMethod() + " " + path + " failed", e);
            problem(exchange, 502, "bad-gateway", "Bad Gateway", "The service closed the connection.");
            return;
        }
        relay(exchange, response);
    }

    private static boolean isPlainPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || !path.equals(uri.normalize().getRawPath())) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return !lower.contains("%2e") && !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("\\");
    }

    private static HttpRequest upstreamRequest(HttpExchange exchange, URI origin) {
        URI incoming = exchange.getRequestURI();
        String base = origin.toString().endsWith("/")
                ? origin.toString().substring(0, origin.toString().length() - 1) : origin.toString();
        String target = base + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target));
        Headers headers = exchange.getRequestHeaders();
        Set<String> skipped = skippedNames(headers, SET_BY_GATEWAY);
        headers.forEach((name, values) -> {
            if (!skipped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        String host = headers.getFirst("Host");
        if (HOST_PASSES && host != null && !host.isBlank()) {
            builder.setHeader("Host", host);
        }
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        String forwardedFor = headers.getFirst("X-Forwarded-For");
        builder.setHeader("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank()
                ? client : forwardedFor + ", " + client);
        String proto = headers.getFirst("X-Forwarded-Proto");
        builder.setHeader("X-Forwarded-Proto", proto == null || proto.isBlank() ? "http" : proto);
        builder.method(exchange.getRequestMethod(), body(exchange));
        return builder.build();
    }

    /** The request body as a stream: never read whole before it is sent on. */
    private static BodyPublisher body(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String encoding = headers.getFirst("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return BodyPublishers.ofInputStream(exchange::getRequestBody);
        }
        String length = headers.getFirst("Content-Length");
        long declared = length == null ? 0 : Long.parseLong(length.trim());
        if (declared < 0) {
            throw new IllegalArgumentException("negative Content-Length");
        }
        if (declared == 0) {
            return BodyPublishers.noBody();
        }
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(exchange::getRequestBody), declared);
    }

    /**
     * Sends the service's answer back, flushing whenever the service pauses, so server-sent events arrive as they
     * are written. A failure once the status line is out propagates, which makes the server drop the connection:
     * the client sees a cut answer rather than a complete-looking short one.
     */
    private static void relay(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            Headers out = exchange.getResponseHeaders();
            Set<String> skipped = skippedNames(response.headers().map(), SET_BY_SERVER);
            response.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":") && !skipped.contains(name.toLowerCase(Locale.ROOT))) {
                    out.put(name, List.copyOf(values));
                }
            });
            int status = response.statusCode();
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            boolean bodiless = "HEAD".equalsIgnoreCase(exchange.getRequestMethod())
                    || status == 204 || status == 304 || status < 200;
            if (bodiless || declared == 0) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status, Math.max(declared, 0));
            OutputStream sink = exchange.getResponseBody();
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = body.read(buffer)) != -1) {
                sink.write(buffer, 0, read);
                if (body.available() == 0) {
                    sink.flush();
                }
            }
            sink.close();
        }
        exchange.close();
    }

    /** Names (lower case) not to copy: the fixed set, hop-by-hop headers and any listed in {@code Connection}. */
    private static Set<String> skippedNames(Map<String, List<String>> headers, Set<String> fixed) {
        Set<String> skipped = new HashSet<>(fixed);
        skipped.addAll(HOP_BY_HOP);
        headers.forEach((name, values) -> {
            if ("connection".equalsIgnoreCase(name)) {
                values.forEach(value -> {
                    for (String token : value.split(",")) {
                        if (!token.isBlank()) {
                            skipped.add(token.trim().toLowerCase(Locale.ROOT));
                        }
                    }
                });
            }
        });
        return skipped;
    }

    private static void problem(HttpExchange exchange, int status, String slug, String title, String detail)
            throws IOException {
        byte[] json = ("{\"type\":\"https://framesmith.dev/problems/" + slug + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } finally {
            exchange.close();
        }
    }

    private static boolean hostHeaderAllowed() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).setHeader("Host", "127.0.0.1");
            return true;
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "the Host header cannot be passed on: start the JVM with "
                    + "-Djdk.httpclient.allowRestrictedHeaders=host so that services see the gateway's address");
            return false;
        }
    }
}
