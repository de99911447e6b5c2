package dev.framesmith.notify.api;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.notify.delivery.DeliveryLog;
import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** {@code /notifications}' web rules: the scope, the body, each template's fields; nothing queued when refused. */
@WebMvcTest(NotificationsController.class)
@TrustTestTokens
@Import(NotificationsControllerTest.FixedClock.class)
class NotificationsControllerTest {

    static final Instant NOW = Instant.parse("2026-04-27T14:30:00Z");
    private static final String SERVICE = TestTokens.service("ms-video", "notifications:send");
    private static final String READY = """
            {"template":"VIDEO_READY","recipientEmail":"ana@example.com","videoId":"v-1","frameCount":42,
             "downloadUrl":"https://example.com/frames.zip","downloadExpiresAt":"2026-05-04T14:30:00Z"}
            """;

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    NotificationPublisher publisher;
    @MockitoBean
    DeliveryLog deliveries;

    @Test
    void withoutAValidServiceTokenTheAnswerIs401() {
        String id = UUID.randomUUID().toString();
        for (String token : new String[] {null, TestTokens.expiredUser(id, "ana@example.com", "Ana"),
                TestTokens.forgedUser(id, "ana@example.com", "Ana"),
                TestTokens.user(id, "ana@example.com", "Ana")}) {
            MvcTestResult response = post(token, READY);
            assertProblem(response, 401, "unauthorized");
            assertThat(response.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
        verifyNoInteractions(publisher);
    }

    @Test
    void userTokensAreForAnotherAudienceAndServiceTokensWithoutTheScopeAre403BeforeTheBodyIsRead() {
        String user = TestTokens.user(UUID.randomUUID().toString(), "ana@example.com", "Ana");
        String otherScope = TestTokens.service("ms-video", "videos:read");
        for (String body : List.of(READY, "{not json", "{}")) {
            assertProblem(post(user, body), 401, "unauthorized");
            assertProblem(post(otherScope, body), 403, "forbidden");
        }
        assertProblem(get(user, "/notifications?videoId=v-1"), 401, "unauthorized");
        assertProblem(get(otherScope, "/notifications?videoId=v-1"), 403, "forbidden");
        verifyNoInteractions(publisher, deliveries);
    }

    @Test
    void aMalformedBodyIs400() {
        assertProblem(post(SERVICE, "{not json"), 400, "malformed-request");
        assertProblem(post(SERVICE, ""), 400, "malformed-request");
        assertProblem(post(SERVICE, READY.replace("VIDEO_READY", "NOPE")), 400, "malformed-request");
        assertProblem(post(SERVICE, READY.replace("\"frameCount\":42", "\"frameCount\":\"many\"")), 400,
                "malformed-request");
        assertProblem(post(SERVICE, READY.replace("{", "{\"eventId\":\"not-a-uuid\",")), 400, "malformed-request");
        assertProblem(withToken(mvc.post().uri("/notifications"), SERVICE).contentType(MediaType.TEXT_PLAIN)
                .content("hello").exchange(), 415, "unsupported-media-type");
        verifyNoInteractions(publisher);
    }

    @Test
    void invalidFieldsAre400WithTheFieldList() {
        JsonNode problem = assertProblem(post(SERVICE, """
                {"template":"VIDEO_READY","recipientEmail":"not-an-email","videoId":" ","frameCount":-1}
                """), 400, "validation");

        assertThat(invalidFields(problem)).containsExactly("downloadExpiresAt", "downloadUrl", "frameCount",
                "recipientEmail", "videoId");
        assertThat(invalidFields(assertProblem(post(SERVICE, "{}"), 400, "validation")))
                .containsExactly("recipientEmail", "template", "videoId");
        verifyNoInteractions(publisher);
    }

    @Test
    void eachTemplatesOwnFieldsAreChecked() {
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

        assertThat(errors(assertProblem(post(SERVICE, unsafe), 400, "validation"))).containsExactly(
                "downloadExpiresAt: must be in the future", "downloadUrl: must be an absolute http(s) URL");
        assertThat(errors(assertProblem(post(SERVICE, noReason), 400, "validation")))
                .containsExactly("failureReason: must not be blank for VIDEO_FAILED");
        assertThat(invalidFields(assertProblem(post(SERVICE, tooLong), 400, "validation")))
                .containsExactly("filename");
        verifyNoInteractions(publisher);
    }

    @Test
    void accountEmailsCannotBeAskedForThroughTheApi() {
        for (String template : List.of("VERIFY_EMAIL", "RESET_PASSWORD")) {
            assertThat(errors(assertProblem(post(SERVICE, """
                    {"template":"%s","recipientEmail":"ana@example.com","videoId":"v-1"}
                    """.formatted(template)), 400, "validation"))).containsExactly("template: is sent by ms-auth only");
        }
        verifyNoInteractions(publisher);
    }

    @Test
    void deliveryRecordsNeedAVideoIdOrAnEventId() {
        when(deliveries.findByVideo("v-1")).thenReturn(List.of());
        when(deliveries.find(any())).thenReturn(Optional.empty());

        assertThat(invalidFields(assertProblem(get(SERVICE, "/notifications"), 400, "validation")))
                .containsExactly("videoId");
        assertThat(invalidFields(assertProblem(get(SERVICE, "/notifications?videoId="), 400, "validation")))
                .containsExactly("videoId");
        assertThat(get(SERVICE, "/notifications?videoId=v-1")).hasStatusOk().bodyJson()
                .extractingPath("$.items").asArray().isEmpty();
        assertProblem(get(SERVICE, "/notifications/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(get(SERVICE, "/notifications/not-a-uuid"), 400, "malformed-request");
    }

    private MvcTestResult post(String token, String body) {
        return withToken(mvc.post().uri("/notifications"), token).contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private MvcTestResult get(String token, String path) {
        return withToken(mvc.get().uri(path), token).exchange();
    }

    private static List<String> errors(JsonNode problem) {
        List<String> errors = new ArrayList<>();
        problem.path("errors").forEach(error -> errors.add(error.path("field").asString() + ": "
                + error.path("message").asString()));
        return errors;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
