package dev.framesmith.video.support;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB whose answers get lost: an HTTP server on 127.0.0.1 in front of the DynamoDB stand-in that forwards
 * every call, except that for a call of a chosen operation whose body contains a chosen text it forwards the call
 * (the write happens) and then answers DynamoDB's {@code InternalServerError} instead of the real answer, as a
 * connection cut after the table did the work would look to the client, which then retries.
 */
public final class LostDynamoResponses implements AutoCloseable {

    private static final String LOST =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"answer lost\"}";
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> losing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lost = new AtomicInteger();

    private LostDynamoResponses(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "lost-dynamodb-responses");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LostDynamoResponses inFrontOf(URI dynamodb) {
        try {
            return new LostDynamoResponses(dynamodb);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the DynamoDB relay", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The answer to the next call of the operation (such as {@code PutItem}) whose body contains the text is lost. */
    public void loseNext(String operation, String bodyContains) {
        losing.add(operation + "\n" + bodyContains);
    }

    /** Answers lost so far. */
    public int lost() {
        return lost.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            String text = new String(body, StandardCharsets.UTF_8);
            boolean lose = losing.removeIf(rule -> rule.startsWith(operation + "\n")
                    && text.contains(rule.substring(operation.length() + 1)));
            HttpResponse<byte[]> response = forward(exchange, body);
            if (lose) {
                lost.incrementAndGet();
                answer(exchange, 500, null, LOST.getBytes(StandardCharsets.UTF_8));
                return;
            }
            answer(exchange, response.statusCode(), response.headers().firstValue("x-amz-crc32").orElse(null),
                    response.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String crc32, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        if (crc32 != null) {
            exchange.getResponseHeaders().set("x-amz-crc32", crc32);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
