package dev.framesmith.notify.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.TestQueue;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.SentEmail;
import dev.framesmith.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /notifications} over HTTP, with real tokens, queue and SES stand-in: what crosses the process boundary. The
 * web rules (scope, validation, problem types) are {@link NotificationsControllerTest}'s.
 */
class NotificationsApiTest extends NotifyIntegrationTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SERVICE = TestTokens.service("ms-video", "notifications:send");
    private static final String LINK = "https://framesmith-videos.s3.amazonaws.com/frames/u/v/frames.zip?X-Amz-Signature=1&b=2";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpointGroups groups;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SqsAsyncClient sqs;

    @Test
    void aServiceTokenQueuesTheNotificationWhichIsThenSent() {
        String to = uniqueRecipient("api");
        String videoId = UUID.randomUUID().toString();
        double queuedBefore = queued();

        Api.Response response = post(SERVICE, readyBody(null, to, videoId));

        assertThat(response.status()).isEqualTo(202);
        UUID eventId = UUID.fromString(response.json().path("eventId").asString());
        assertThat(response.header("Location")).isEqualTo("/notifications/" + eventId);
        assertThat(queued()).isEqualTo(queuedBefore + 1);

        SentEmail email = eventually().until(() -> emailsTo(to), emails -> emails.size() == 1).get(0);
        assertThat(email.subject()).isEqualTo("Your frames are ready: <script>alert(1)</script>.mp4");
        assertThat(email.html()).doesNotContain("<script>").contains("href=\"" + LINK.replace("&", "&amp;") + "\"");

        JsonNode records = eventually().until(() -> get(SERVICE, "/notifications?videoId=" + videoId).json(),
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

        Api.Response one = get(SERVICE, "/notifications/" + eventId);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aCallerSuppliedEventIdMakesRetriesIdempotent() {
        String to = uniqueRecipient("api-retry");
        String videoId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        String body = """
                {"eventId":"%s","template":"VIDEO_FAILED","recipientEmail":"%s","recipientName":"Ana",
                 "userId":"user-1","videoId":"%s","filename":"clip.mp4","failureReason":"The file is damaged."}
                """.formatted(eventId, to, videoId);

        Api.Response first = post(SERVICE, body);
        Api.Response second = post(SERVICE, body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(first.json().path("eventId").asString()).isEqualTo(eventId.toString());
        assertThat(second.json().path("eventId").asString()).isEqualTo(eventId.toString());
        eventually().until(() -> get(SERVICE, "/notifications/" + eventId).json().path("status")
                .asString(), "SENT"::equals);
        eventually().until(new TestQueue(sqs, Queues.NOTIFICATIONS)::depth, depth -> depth == 0);
        assertThat(emailsTo(to)).hasSize(1);
        assertThat(get(SERVICE, "/notifications?videoId=" + videoId).json().path("items")).hasSize(1);
    }

    @Test
    void healthAndApiDocumentAreOpen() {
        Api management = new Api(managementPort);
        Api.Response readiness = management.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).body()).contains("framesmith_notify");
        Api.Response dependencies = management.get("/actuator/health/dependencies", null);
        assertThat(dependencies.status()).isEqualTo(200);
        assertThat(dependencies.json().path("components").propertyNames())
                .containsExactlyInAnyOrder("sqs", "dynamoDb");
        // AWS checks alert (framesmith_dependencies_up) but never take the pods out of service.
        assertThat(groups.get("readiness").isMember("sqs")).isFalse();
        assertThat(groups.get("readiness").isMember("dynamoDb")).isFalse();
        assertThat(get(null, "/readyz").status()).isEqualTo(200);

        Api.Response docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
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

    private Api.Response post(String token, String body) {
        return new Api(port).postJson("/notifications", token, body);
    }

    private Api.Response get(String token, String path) {
        return new Api(port).get(path, token);
    }

    private double queued() {
        return meters.find(NotificationPublisher.QUEUED).counters().stream().mapToDouble(Counter::count).sum();
    }
}
