package dev.framesmith.notify.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.TestQueue;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestTokens;
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

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpointGroups groups;
    @Autowired
    SqsAsyncClient sqs;

    @Test
    void aServiceTokenReadsTheDeliveryRecordsOfAVideo() {
        String to = uniqueRecipient("api");
        String videoId = UUID.randomUUID().toString();
        NotificationRequested request = NotificationRequested.videoFailed(UUID.randomUUID(), to, "Ana", "user-1",
                videoId, "clip.mp4", "The file is damaged.");
        new TestQueue(sqs, Queues.NOTIFICATIONS).send(MessageCodec.encode(request));

        JsonNode records = eventually().until(() -> get(SERVICE, "/notifications?videoId=" + videoId).json(),
                body -> "SENT".equals(body.path("items").path(0).path("status").asString()));
        assertThat(records.path("videoId").asString()).isEqualTo(videoId);
        assertThat(records.path("items")).hasSize(1);
        JsonNode record = records.path("items").path(0);
        assertThat(record.path("eventId").asString()).isEqualTo(request.eventId().toString());
        assertThat(record.path("template").asString()).isEqualTo("VIDEO_FAILED");
        assertThat(record.path("recipient").asString()).isEqualTo(to);
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("sesMessageId").asString()).isNotBlank();
        assertThat(Instant.parse(record.path("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(record.path("createdAt").asString()));

        Api.Response one = get(SERVICE, "/notifications/" + request.eventId());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("status").asString()).isEqualTo("SENT");
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
        assertThat(paths.has("/notifications/{eventId}")).isTrue();
        assertThat(paths.path("/notifications").has("post")).as("no e-mail is asked for over HTTP").isFalse();
        JsonNode read = paths.path("/notifications").path("get");
        assertThat(read.path("responses").propertyNames()).contains("200", "400", "401", "403");
        assertThat(read.path("security").toString()).contains("bearer");
    }

    private Api.Response get(String token, String path) {
        return new Api(port).get(path, token);
    }
}
