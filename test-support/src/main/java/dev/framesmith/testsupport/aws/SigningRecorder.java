package dev.framesmith.testsupport.aws;

import static dev.framesmith.testsupport.aws.LoopbackHttp.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.framesmith.testsupport.Api;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * AWS on 127.0.0.1 as far as a service's first requests need it: records who signed each request and answers just
 * enough of SQS, DynamoDB and S3 for the SDK to accept the response (a queue's URL naming the queue, an empty receive
 * after a second, so that listeners poll at a calm pace). Given an authorization ({@link #authorize}), it refuses the
 * requests it does not allow as AWS refuses them: {@code AccessDeniedException} in the JSON protocols, 403 in S3's.
 */
public final class SigningRecorder implements AutoCloseable {

    private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/[^/]+/[^/]+/([^/]+)/");

    /**
     * One request as signed.
     *
     * @param service       the service of the signature's scope ({@code sqs}, {@code s3}, {@code dynamodb}, ...)
     * @param accessKeyId   the access key id it was signed with
     * @param securityToken its {@code X-Amz-Security-Token}, null without one
     * @param target        the operation, from {@code X-Amz-Target} (JSON protocols), or the method and path
     * @param body          the request's body as text
     */
    public record Signed(String service, String accessKeyId, String securityToken, String target, String body) {

        /** A text field of the body's JSON object ({@code QueueName}, {@code QueueUrl}, {@code TableName}). */
        public Optional<String> field(String name) {
            if (!body.startsWith("{")) {
                return Optional.empty();
            }
            JsonNode value = Api.JSON.readTree(body).path(name);
            return value.isString() ? Optional.of(value.asString()) : Optional.empty();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Signed> requests = new CopyOnWriteArrayList<>();
    private final List<Signed> denied = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Predicate<Signed> allowed = request -> true;

    private SigningRecorder() {
        this.server = LoopbackHttp.serve(this::answer, threads);
    }

    public static SigningRecorder start() {
        return new SigningRecorder();
    }

    public URI endpoint() {
        return LoopbackHttp.endpoint(server);
    }

    public List<Signed> requests() {
        return List.copyOf(requests);
    }

    /** The requests refused by the {@link #authorize authorization}. */
    public List<Signed> denied() {
        return List.copyOf(denied);
    }

    /** Answers only the requests this allows; everything by default. */
    public void authorize(Predicate<Signed> allowed) {
        this.allowed = allowed;
    }

    /** Stops answering: from now on, connections are refused as by a service that is away. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Matcher scope = SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        boolean signed = scope.find();
        Signed request = new Signed(signed ? scope.group(2) : null, signed ? scope.group(1) : null,
                exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"),
                operation != null ? operation : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                body);
        requests.add(request);
        String target = String.valueOf(operation);
        if (!allowed.test(request)) {
            denied.add(request);
            if (operation == null) {
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
            } else {
                exchange.getResponseHeaders().add("x-amzn-query-error", "AccessDenied;Sender");
                respond(exchange, 400, "application/x-amz-json-1.0", "{\"__type\":"
                        + "\"com.amazon.coral.service#AccessDeniedException\",\"message\":\"not authorized\"}");
            }
        } else if (target.equals("AmazonSQS.ReceiveMessage")) {
            pause();
            respond(exchange, 200, "application/x-amz-json-1.0", "{\"Messages\":[]}");
        } else if (target.startsWith("AmazonSQS.")) {
            respond(exchange, 200, "application/x-amz-json-1.0", "{\"QueueUrl\":\"" + endpoint() + "/111122223333/"
                    + request.field("QueueName").orElse("queue") + "\",\"Attributes\":{}}");
        } else if (target.equals("DynamoDB_20120810.DescribeTable")) {
            respond(exchange, 200, "application/x-amz-json-1.0",
                    "{\"Table\":{\"TableName\":\"table\",\"TableStatus\":\"ACTIVE\"}}");
        } else if (target.startsWith("DynamoDB_")) {
            respond(exchange, 200, "application/x-amz-json-1.0", "{\"Items\":[],\"Count\":0}");
        } else if (String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                .startsWith("application/json")) {
            respond(exchange, 200, "application/json", "{}");
        } else {
            exchange.getResponseHeaders().add("Content-Length", "0");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
