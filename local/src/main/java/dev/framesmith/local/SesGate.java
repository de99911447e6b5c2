package dev.framesmith.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port ms-notify knows SES by: an HTTP relay in front of the SES stand-in that can make SES misbehave as it does
 * in AWS — throttle every send, or refuse one address for good — with SES v2's own error answers (status,
 * {@code x-amzn-ErrorType}, JSON {@code {"message": ...}}), and that can act at the moment SES has accepted an e-mail
 * but its answer has not reached the sender yet.
 */
public final class SesGate implements AutoCloseable {

    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static final Pattern FIRST_RECIPIENT = Pattern.compile("\"ToAddresses\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Map<String, Runnable> onAccepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
    private volatile boolean throttling;

    private SesGate(HttpServer server, ExecutorService threads, URI target) {
        this.server = server;
        this.threads = threads;
        this.target = target;
    }

    /** Opens the relay on {@code port} (0: any free port) in front of the SES stand-in at {@code target}. */
    static SesGate open(int port, URI target) {
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gate-ses");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
            server.setExecutor(threads);
            SesGate gate = new SesGate(server, threads, target);
            server.createContext("/", gate::handle);
            server.start();
            return gate;
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IllegalStateException("cannot listen for the SES stand-in on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** While on, every send is refused as SES refuses a sender above its sending rate (429, retryable). */
    public void throttle(boolean on) {
        throttling = on;
    }

    /** Every later send to this address is refused for good (MessageRejected), as SES refuses a bad recipient. */
    public void reject(String recipient) {
        rejected.add(recipient.toLowerCase(Locale.ROOT));
    }

    /**
     * The next send to this address goes through; once SES has accepted it, and before the sender hears so,
     * {@code action} runs (once).
     */
    public void onceAccepted(String recipient, Runnable action) {
        onAccepted.put(recipient.toLowerCase(Locale.ROOT), action);
    }

    /** Sends to this address seen, whatever was answered. */
    public int sends(String recipient) {
        AtomicInteger count = sends.get(recipient.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String recipient = null;
            if ("POST".equals(exchange.getRequestMethod()) && SEND_EMAIL.equals(exchange.getRequestURI().getPath())) {
                Matcher first = FIRST_RECIPIENT.matcher(new String(body, StandardCharsets.UTF_8));
                recipient = first.find() ? first.group(1).toLowerCase(Locale.ROOT) : "";
                sends.computeIfAbsent(recipient, key -> new AtomicInteger()).incrementAndGet();
                if (throttling) {
                    refuse(exchange, 429, "TooManyRequestsException", "Maximum sending rate exceeded.");
                    return;
                }
                if (rejected.contains(recipient)) {
                    refuse(exchange, 400, "MessageRejected", "Email address is not verified.");
                    return;
                }
            }
            forward(exchange, body, recipient);
        }
    }

    private static void refuse(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private void forward(HttpExchange exchange, byte[] body, String recipient) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        if (recipient != null && response.statusCode() == 200) {
            Runnable action = onAccepted.remove(recipient);
            if (action != null) {
                action.run();
            }
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        answer(exchange, response.statusCode(), response.body());
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
