package dev.framesmith.notify.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * SES as it misbehaves: an HTTP server on 127.0.0.1 in front of the SES stand-in that answers
 * {@code SendEmail} calls for chosen recipients with SES v2's real error shape (status,
 * {@code x-amzn-ErrorType}, JSON {@code {"message": ...}}) and forwards everything else.
 */
final class FaultySes implements AutoCloseable {

    /** Where sending is paused. */
    enum Pause {
        ACCOUNT, CONFIGURATION_SETS
    }

    enum Fault {
        THROTTLED(429, "TooManyRequestsException", "Too many requests"),
        PAUSED(400, "SendingPausedException", "Sending is paused for this account"),
        REJECTED(400, "MessageRejected", "Email address is on the suppression list"),
        SERVER_ERROR(500, "InternalServiceErrorException", "Internal failure");

        final int status;
        final String type;
        final String message;

        Fault(int status, String type, String message) {
            this.status = status;
            this.type = type;
            this.message = message;
        }
    }

    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static final String ACCOUNT = "/v2/email/account";
    private static final String CONFIGURATION_SETS = "/v2/email/configuration-sets/";
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterAccepted = new ConcurrentHashMap<>();
    private final AtomicInteger accountChecks = new AtomicInteger();
    private final AtomicInteger configurationSetChecks = new AtomicInteger();
    private final Set<Pause> paused = ConcurrentHashMap.newKeySet();
    private volatile boolean sendingOptionsOmitted;

    private FaultySes(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "faulty-ses");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static FaultySes inFrontOf(URI ses) {
        try {
            return new FaultySes(ses);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the faulty SES", e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The first {@code times} sends to this recipient fail with the fault; later ones go through. */
    void failFirst(String recipient, int times, Fault fault) {
        faults.put(recipient, fault);
        faultsLeft.put(recipient, new AtomicInteger(times));
    }

    /** Every send to this recipient fails with the fault. */
    void failAlways(String recipient, Fault fault) {
        failFirst(recipient, Integer.MAX_VALUE, fault);
    }

    /**
     * Runs the action once, when SES has accepted the next e-mail to this recipient and before the sender hears so.
     */
    void onceAccepted(String recipient, Runnable action) {
        afterAccepted.put(recipient, action);
    }

    /**
     * Sending paused for the whole account (every send is refused and GetAccount says sending is disabled) or for
     * every configuration set (each send naming one is refused and GetConfigurationSet says sending is disabled).
     */
    void pause(Pause scope) {
        paused.add(scope);
    }

    /** Sending enabled again: sends go through (unless a recipient's own fault says no). */
    void resume(Pause scope) {
        paused.remove(scope);
    }

    /** GetConfigurationSet answers without the set's {@code SendingOptions}, as for a set that never had them. */
    void omitSendingOptions(boolean omit) {
        sendingOptionsOmitted = omit;
    }

    /** GetAccount calls seen. */
    int accountChecks() {
        return accountChecks.get();
    }

    /** GetConfigurationSet calls seen. */
    int configurationSetChecks() {
        return configurationSetChecks.get();
    }

    /** SendEmail calls seen for this recipient, failed or forwarded. */
    int sendEmailCalls(String recipient) {
        AtomicInteger count = calls.get(recipient);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("GET".equals(exchange.getRequestMethod()) && ACCOUNT.equals(exchange.getRequestURI().getPath())) {
                accountChecks.incrementAndGet();
                answer(exchange, 200, "{\"SendingEnabled\":" + !paused.contains(Pause.ACCOUNT)
                        + ",\"ProductionAccessEnabled\":true,\"EnforcementStatus\":\"HEALTHY\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.startsWith(CONFIGURATION_SETS)) {
                configurationSetChecks.incrementAndGet();
                String options = sendingOptionsOmitted ? ""
                        : ",\"SendingOptions\":{\"SendingEnabled\":" + !paused.contains(Pause.CONFIGURATION_SETS) + "}";
                answer(exchange, 200, "{\"ConfigurationSetName\":\"" + path.substring(CONFIGURATION_SETS.length())
                        + "\"" + options + "}");
                return;
            }
            if ("POST".equals(exchange.getRequestMethod()) && SEND_EMAIL.equals(exchange.getRequestURI().getPath())) {
                String recipient = json.readTree(body).path("Destination").path("ToAddresses").path(0).asString();
                calls.computeIfAbsent(recipient, key -> new AtomicInteger()).incrementAndGet();
                if (paused.contains(Pause.ACCOUNT) || paused.contains(Pause.CONFIGURATION_SETS)
                        && json.readTree(body).has("ConfigurationSetName")) {
                    fail(exchange, Fault.PAUSED);
                    return;
                }
                AtomicInteger left = faultsLeft.get(recipient);
                if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    fail(exchange, faults.get(recipient));
                    return;
                }
                forward(exchange, body, afterAccepted.remove(recipient));
                return;
            }
            forward(exchange, body, null);
        }
    }

    private static void fail(HttpExchange exchange, Fault fault) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", fault.type);
        answer(exchange, fault.status, "{\"message\":\"" + fault.message + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body, Runnable onSuccess) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        response.headers().firstValue("Content-Type")
                .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        try (InputStream in = response.body()) {
            byte[] answer = in.readAllBytes();
            if (onSuccess != null && response.statusCode() / 100 == 2) {
                onSuccess.run();
            }
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
