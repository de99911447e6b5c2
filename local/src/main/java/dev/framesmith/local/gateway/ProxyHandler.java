package dev.framesmith.local.gateway;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Forwards one request to the route's target and streams the answer back. */
final class ProxyHandler extends Handler.Abstract {

    private static final System.Logger log = System.getLogger(ProxyHandler.class.getName());

    /** Headers that describe one connection, never the message (RFC 9110 §7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    /** Request headers the gateway sets itself or that the HTTP client computes. */
    private static final Set<String> SET_BY_GATEWAY = Set.of("content-length", "expect", "host", "x-forwarded-for",
            "x-forwarded-proto");
    /** Response headers the gateway's server writes itself. */
    private static final Set<String> SET_BY_SERVER = Set.of("content-length", "date", "server");
    private static final boolean HOST_PASSES = hostHeaderAllowed();
    private static final int BUFFER = 64 * 1024;
    /** How long the rest of a body answered early is read and dropped, as a load balancer lingers. */
    private static final Duration LINGER = Duration.ofSeconds(30);

    private final Routes routes;
    private final HttpClient client;
    private final long minBytesPerSecond;

    /** @param minBytesPerSecond a request body slower than this on average is cut off with 408 */
    ProxyHandler(Routes routes, HttpClient client, long minBytesPerSecond) {
        this.routes = routes;
        this.client = client;
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ClientBody body = new ClientBody(Content.Source.asInputStream(request), minBytesPerSecond);
        try {
            forward(request, response, body);
            // Answered, perhaps before the service read the whole body: the client may still be sending it.
            body.discardRest(LINGER);
            callback.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (IOException | RuntimeException e) {
            // The answer was under way: the connection is dropped, so the client sees a cut answer rather than a
            // complete-looking short one.
            callback.failed(e);
        }
        return true;
    }

    private void forward(Request request, Response response, ClientBody body)
            throws IOException, InterruptedException {
        String target = request.getHttpURI().getPathQuery();
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !isPlainPath(uri)) {
            problem(response, 400, Problems.MALFORMED_REQUEST, "Bad Request",
                    "The request path is not a plain absolute path.");
            return;
        }
        URI origin = routes.targetFor(uri.getRawPath());
        HttpRequest upstream;
        try {
            upstream = upstreamRequest(request, uri, origin, body);
        } catch (IllegalArgumentException e) {
            problem(response, 400, Problems.MALFORMED_REQUEST, "Bad Request", "The request cannot be forwarded.");
            return;
        }
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(upstream, BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            problem(response, 502, "bad-gateway", "Bad Gateway",
                    "The service behind " + origin.getPort() + " is not answering.");
            return;
        } catch (IOException e) {
            if (body.failure() != null) {
                // The client sent its body too slowly, stopped sending it, or went away: the rest is not read.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                problem(response, 408, "request-timeout", "Request Timeout",
                        "The request body did not arrive in time.");
                return;
            }
            log.log(System.Logger.Level.DEBUG, "forwarding " + request.getMethod() + " " + uri.getRawPath()
                    + " failed", e);
            problem(response, 502, "bad-gateway", "Bad Gateway", "The service closed the connection.");
            return;
        }
        relay(request, response, answer);
    }

    private static boolean isPlainPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || !path.equals(uri.normalize().getRawPath())) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return !lower.contains("%2e") && !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("\\");
    }

    private static HttpRequest upstreamRequest(Request request, URI incoming, URI origin, ClientBody body) {
        String base = origin.toString().endsWith("/")
                ? origin.toString().substring(0, origin.toString().length() - 1) : origin.toString();
        String target = base + incoming.getRawPath()
                + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target));
        HttpFields headers = request.getHeaders();
        Set<String> skipped = skippedNames(headers, SET_BY_GATEWAY);
        for (HttpField field : headers) {
            if (!skipped.contains(field.getLowerCaseName())) {
                builder.header(field.getName(), field.getValue());
            }
        }
        String host = headers.get(HttpHeader.HOST);
        if (HOST_PASSES && host != null && !host.isBlank()) {
            builder.setHeader("Host", host);
        }
        String client = Request.getRemoteAddr(request);
        String forwardedFor = headers.get("X-Forwarded-For");
        builder.setHeader("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank()
                ? client : forwardedFor + ", " + client);
        String proto = headers.get("X-Forwarded-Proto");
        builder.setHeader("X-Forwarded-Proto", proto == null || proto.isBlank() ? "http" : proto);
        builder.method(request.getMethod(), publisher(headers, body));
        return builder.build();
    }

    /** The request body as a stream: never read whole before it is sent on. */
    private static BodyPublisher publisher(HttpFields headers, ClientBody body) {
        String encoding = headers.get(HttpHeader.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return BodyPublishers.ofInputStream(() -> body);
        }
        String length = headers.get(HttpHeader.CONTENT_LENGTH);
        long declared = length == null ? 0 : Long.parseLong(length.trim());
        if (declared < 0) {
            throw new IllegalArgumentException("negative Content-Length");
        }
        if (declared == 0) {
            return BodyPublishers.noBody();
        }
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> body), declared);
    }

    /**
     * Sends the service's answer back, flushing whenever the service pauses, so server-sent events arrive as they
     * are written.
     */
    private static void relay(Request request, Response response, HttpResponse<InputStream> answer)
            throws IOException {
        try (InputStream body = answer.body()) {
            HttpFields.Mutable out = response.getHeaders();
            Set<String> skipped = skippedNames(answer.headers().map(), SET_BY_SERVER);
            answer.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":") && !skipped.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> out.add(name, value));
                }
            });
            int status = answer.statusCode();
            response.setStatus(status);
            long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
            boolean bodiless = "HEAD".equalsIgnoreCase(request.getMethod())
                    || status == 204 || status == 304 || status < 200;
            if (bodiless || declared == 0) {
                if (declared == 0) {
                    out.put(HttpHeader.CONTENT_LENGTH, 0);
                }
                Content.Sink.write(response, true, null);
                return;
            }
            if (declared > 0) {
                out.put(HttpHeader.CONTENT_LENGTH, declared);
            }
            try (OutputStream sink = Content.Sink.asOutputStream(response)) {
                byte[] buffer = new byte[BUFFER];
                int read;
                while ((read = body.read(buffer)) != -1) {
                    sink.write(buffer, 0, read);
                    if (body.available() == 0) {
                        sink.flush();
                    }
                }
            }
        }
    }

    /** Names (lower case) not to copy: the fixed set, hop-by-hop headers and any listed in {@code Connection}. */
    private static Set<String> skippedNames(Iterable<HttpField> headers, Set<String> fixed) {
        Set<String> skipped = new HashSet<>(fixed);
        skipped.addAll(HOP_BY_HOP);
        for (HttpField field : headers) {
            if (field.is("connection")) {
                addTokens(skipped, field.getValue());
            }
        }
        return skipped;
    }

    private static Set<String> skippedNames(java.util.Map<String, List<String>> headers, Set<String> fixed) {
        Set<String> skipped = new HashSet<>(fixed);
        skipped.addAll(HOP_BY_HOP);
        BiConsumer<String, List<String>> connection = (name, values) -> {
            if ("connection".equalsIgnoreCase(name)) {
                values.forEach(value -> addTokens(skipped, value));
            }
        };
        headers.forEach(connection);
        return skipped;
    }

    private static void addTokens(Set<String> skipped, String value) {
        for (String token : value.split(",")) {
            if (!token.isBlank()) {
                skipped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void problem(Response response, int status, String slug, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        Content.Sink.write(response, true, ByteBuffer.wrap(Problems.json(status, slug, title, detail)
                .getBytes(StandardCharsets.UTF_8)));
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
