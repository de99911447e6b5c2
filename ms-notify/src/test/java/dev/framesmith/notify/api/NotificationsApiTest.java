package dev.framesmith.notify.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.TestQueue;
import dev.framesmith.testsupport.SentEmail;
import dev.framesmith.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /notifications} over HTTP, with real tokens, queue and SES stand-in. */
class NotificationsApiTest extends NotifyIntegrationTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SERVICE = TestTokens.service("ms-video", "notifications:send");
    private static final String LINK = "https://framesmith-videos.s3.amazonaws.com/frames/u/v/frames.zip?X-Amz-Signature=1&b=2";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpointGroups groups;

    private HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
    @Autowired
    MeterRegistry meters;
    @Autowired
    SqsAsyncClient sqs;

    @Test
    void aServiceTokenQueuesTheNotificationWhichIsThenSent() throws Exception {
        String to = uniqueRecipient("api");
        String videoId = UUID.randomUUID().toString();
        double queuedBefore = queued();

        HttpResponse<String> response = post(SERVICE, readyBody(null, to, videoId));

        assertThat(response.statusCode()).isEqualTo(202);
        UUID eventId = UUID.fromString(json.readTree(response.body()).path("eventId").asString());
        assertThat(response.headers().firstValue("Location")).hasValue("/notifications/" + eventId);
        assertThat(queued()).isEqualTo(queuedBefore + 1);

        SentEmail email = eventually().until(() -> emailsTo(to), emails -> emails.size() == 1).get(0);
        assertThat(email.subject()).isEqualTo("Your frames are ready: <script>alert(1)</script>.mp4");
        assertThat(email.html()).doesNotContain("<script>").contains("href=\"" + LINK.replace("&", "&amp;") + "\"");

        JsonNode records = eventually().until(() -> json.readTree(get(SERVICE, "/notifications?videoId=" + videoId).body()),
                body -> "SENT".equals(body.path("items").path(0).path("status").asString()));
        assertThat(records.path("videoId").asString()).isEqualTo(videoId);
        assertThat(records.path("items")).hasSize(1);
        JsonNode record = records.path("items").path(0);
        assertThat(record.path("eventId").asString()).isEqualTo(eventId.toString());
        assertThat(record.path("template").asString()).isEqualTo("VIDEO_READY");
        assertThat(record.path("recipient").asString()).isEqualTo(to);
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("sesMessageId").asString()).isNotBlank();
        assertThat(Instant.parse(record.path("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(Instant.parse(record.path("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(record.path("createdAt").asString()));

        HttpResponse<String> one = get(SERVICE, "/notifications/" + eventId);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).path("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aCallerSuppliedEventIdMakesRetriesIdempotent() throws Exception {
        String to = uniqueRecipient("api-retry");
        String videoId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        String body = """
                {"eventId":"%s","template":"VIDEO_FAILED","recipientEmail":"%s","recipientName":"Ana",
                 "userId":"user-1","videoId":"%s","filename":"clip.mp4","failureReason":"The file is damaged."}
                """.formatted(eventId, to, videoId);

        HttpResponse<String> first = post(SERVICE, body);
        HttpResponse<String> second = post(SERVICE, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json.readTree(first.body()).path("eventId").asString()).isEqualTo(eventId.toString());
        assertThat(json.readTree(second.body()).path("eventId").asString()).isEqualTo(eventId.toString());
        eventually().until(() -> json.readTree(get(SERVICE, "/notifications/" + eventId).body()).path("status")
                .asString(), "SENT"::equals);
        eventually().until(new TestQueue(sqs, Queues.NOTIFICATIONS)::depth, depth -> depth == 0);
        assertThat(emailsTo(to)).hasSize(1);
        assertThat(json.readTree(get(SERVICE, "/notifications?videoId=" + videoId).body()).path("items")).hasSize(1);
    }

    @Test
    void withoutATokenTheAnswerIs401AndNothingIsQueued() throws Exception {
        double queuedBefore = queued();

        HttpResponse<String> response = post(null, readyBody(null, uniqueRecipient("anonymous"), "v-1"));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void aUserTokenIsForAnotherAudienceAndNothingIsQueued() throws Exception {
        double queuedBefore = queued();
        String user = TestTokens.user(UUID.randomUUID().toString(), "ana@example.com", "Ana");

        assertProblem(post(user, readyBody(null, uniqueRecipient("user"), "v-1")), 401, "unauthorized");
        assertProblem(post(user, "{not json"), 401, "unauthorized");
        assertProblem(post(user, "{}"), 401, "unauthorized");
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void aServiceTokenWithoutTheScopeIsRefusedWith403() throws Exception {
        double queuedBefore = queued();
        String other = TestTokens.service("ms-video", "videos:read");

        assertProblem(post(other, readyBody(null, uniqueRecipient("scope"), "v-1")), 403, "forbidden");
        assertProblem(get(other, "/notifications?videoId=v-1"), 403, "forbidden");
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void expiredAndForgedTokensAreRefusedWith401() throws Exception {
        String id = UUID.randomUUID().toString();

        assertProblem(post(TestTokens.expiredUser(id, "ana@example.com", "Ana"), "{}"), 401, "unauthorized");
        assertProblem(post(TestTokens.forgedUser(id, "ana@example.com", "Ana"), "{}"), 401, "unauthorized");
    }

    @Test
    void aMalformedBodyIs400AndNothingIsQueued() throws Exception {
        double queuedBefore = queued();

        assertProblem(post(SERVICE, "{not json"), 400, "malformed-request");
        assertProblem(post(SERVICE, ""), 400, "malformed-request");
        assertProblem(post(SERVICE, readyBody(null, "ana@example.com", "v-1").replace("VIDEO_READY", "NOPE")),
                400, "malformed-request");
        assertProblem(post(SERVICE, readyBody(null, "ana@example.com", "v-1").replace("\"frameCount\":42",
                "\"frameCount\":\"many\"")), 400, "malformed-request");
        assertProblem(post(SERVICE, readyBody(null, "ana@example.com", "v-1").replace("\"eventId\":null",
                "\"eventId\":\"not-a-uuid\"")), 400, "malformed-request");
        HttpResponse<String> text = http.send(request(SERVICE, "/notifications")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(text, 415, "unsupported-media-type");
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void invalidFieldsAre400WithTheFieldList() throws Exception {
        double queuedBefore = queued();

        HttpResponse<String> response = post(SERVICE, """
                {"template":"VIDEO_READY","recipientEmail":"not-an-email","videoId":" ","frameCount":-1}
                """);

        assertProblem(response, 400, "validation");
        assertThat(fields(response)).containsExactly("downloadExpiresAt", "downloadUrl", "frameCount",
                "recipientEmail", "videoId");
        assertThat(fields(post(SERVICE, "{}"))).containsExactly("recipientEmail", "template", "videoId");
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void templateSpecificFieldsAreChecked() throws Exception {
        double queuedBefore = queued();
        String unsafe = """
                {"template":"VIDEO_READY","recipientEmail":"ana@example.com","videoId":"v-1",
                 "downloadUrl":"javascript:alert(1)","downloadExpiresAt":"2020-01-01T00:00:00Z"}
                """;
        String noReason = """
                {"template":"VIDEO_FAILED","recipientEmail":"ana@example.com","videoId":"v-1","failureReason":"  "}
                """;
        String tooLong = """
                {"template":"VIDEO_FAILED","recipientEmail":"ana@example.com","videoId":"v-1",
                 "failureReason":"x","filename":"%s"}
                """.formatted("f".repeat(256));

        HttpResponse<String> response = post(SERVICE, unsafe);
        assertProblem(response, 400, "validation");
        assertThat(errors(response)).containsExactly("downloadExpiresAt: must be in the future",
                "downloadUrl: must be an absolute http(s) URL");
        assertThat(errors(post(SERVICE, noReason))).containsExactly("failureReason: must not be blank for VIDEO_FAILED");
        assertThat(fields(post(SERVICE, tooLong))).containsExactly("filename");
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void accountEmailsCannotBeAskedForThroughTheApi() throws Exception {
        double queuedBefore = queued();
        for (String template : new String[] {"VERIFY_EMAIL", "RESET_PASSWORD"}) {
            HttpResponse<String> response = post(SERVICE, """
                    {"template":"%s","recipientEmail":"ana@example.com","videoId":"v-1"}
                    """.formatted(template));

            assertProblem(response, 400, "validation");
            assertThat(errors(response)).containsExactly("template: is sent by ms-auth only");
        }
        assertThat(queued()).isEqualTo(queuedBefore);
    }

    @Test
    void deliveryRecordsNeedTheScopeAndAVideoId() throws Exception {
        assertProblem(get(null, "/notifications?videoId=v-1"), 401, "unauthorized");
        assertProblem(get(TestTokens.anyUser(), "/notifications?videoId=v-1"), 401, "unauthorized");
        HttpResponse<String> missing = get(SERVICE, "/notifications");
        assertProblem(missing, 400, "validation");
        assertThat(fields(missing)).containsExactly("videoId");
        assertThat(fields(get(SERVICE, "/notifications?videoId="))).containsExactly("videoId");

        HttpResponse<String> none = get(SERVICE, "/notifications?videoId=" + UUID.randomUUID());
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json.readTree(none.body()).path("items")).isEmpty();
        assertProblem(get(SERVICE, "/notifications/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(get(SERVICE, "/notifications/not-a-uuid"), 400, "malformed-request");
    }

    @Test
    void healthAndApiDocumentAreOpen() throws Exception {
        HttpResponse<String> readiness = management("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus").body()).contains("framesmith_notify");
        HttpResponse<String> dependencies = management("/actuator/health/dependencies");
        assertThat(dependencies.statusCode()).isEqualTo(200);
        assertThat(json.readTree(dependencies.body()).path("components").propertyNames())
                .containsExactlyInAnyOrder("sqs", "dynamoDb");
        // AWS checks alert (framesmith_dependencies_up) but never take the pods out of service.
        assertThat(groups.get("readiness").isMember("sqs")).isFalse();
        assertThat(groups.get("readiness").isMember("dynamoDb")).isFalse();
        assertThat(get(null, "/readyz").statusCode()).isEqualTo(200);

        HttpResponse<String> docs = get(null, "/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(docs.body()).path("paths");
        assertThat(paths.has("/notifications")).isTrue();
        assertThat(paths.path("/notifications").path("post").path("responses").has("400")).isTrue();
        assertThat(paths.has("/notifications/{eventId}")).isTrue();
        JsonNode send = paths.path("/notifications").path("post");
        assertThat(send.path("responses").propertyNames()).contains("202", "400", "401", "403", "500", "503");
        assertThat(send.path("responses").path("503").path("content").path(PROBLEM_JSON).path("schema")
                .path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        assertThat(send.path("security").toString()).contains("bearer");
    }

    private String readyBody(UUID eventId, String to, String videoId) {
        return """
                {"eventId":%s,"template":"VIDEO_READY","recipientEmail":"%s","recipientName":"Ana","userId":"user-1",
                 "videoId":"%s","filename":"<script>alert(1)</script>.mp4","frameCount":42,"downloadUrl":"%s",
                 "downloadExpiresAt":"%s"}
                """.formatted(eventId == null ? "null" : "\"" + eventId + "\"", to, videoId, LINK,
                Instant.now().plus(Duration.ofDays(7)));
    }

    private HttpResponse<String> post(String token, String body) throws IOException, InterruptedException {
        return http.send(request(token, "/notifications")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
        return http.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith(PROBLEM_JSON));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://framesmith.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    private List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        json.readTree(response.body()).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    private List<String> errors(HttpResponse<String> response) {
        List<String> errors = new ArrayList<>();
        json.readTree(response.body()).path("errors").forEach(error -> errors.add(
                error.path("field").asString() + ": " + error.path("message").asString()));
        return errors;
    }

    private double queued() {
        return meters.find(NotificationPublisher.QUEUED).counters().stream().mapToDouble(Counter::count).sum();
    }
}
