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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * {@code /notifications}' web rules: service tokens with the scope only, checked before anything is read; reading
 * delivery records is all it offers (no caller can have an e-mail sent to a free address or link).
 */
@WebMvcTest(NotificationsController.class)
@TrustTestTokens
class NotificationsControllerTest {

    private static final String SERVICE = TestTokens.service("ms-video", "notifications:send");
    private static final String BY_VIDEO = "/notifications?videoId=v-1";

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    DeliveryLog deliveries;

    @Test
    void withoutAValidServiceTokenTheAnswerIs401() {
        String id = UUID.randomUUID().toString();
        for (String token : new String[] {null, TestTokens.expiredUser(id, "ana@example.com", "Ana"),
                TestTokens.forgedUser(id, "ana@example.com", "Ana"),
                TestTokens.user(id, "ana@example.com", "Ana")}) {
            MvcTestResult response = get(token, BY_VIDEO);
            assertProblem(response, 401, "unauthorized");
            assertThat(response.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
        verifyNoInteractions(deliveries);
    }

    @Test
    void serviceTokensWithoutTheScopeAre403() {
        String otherScope = TestTokens.service("ms-video", "videos:read");
        assertProblem(get(otherScope, BY_VIDEO), 403, "forbidden");
        assertProblem(get(otherScope, "/notifications/" + UUID.randomUUID()), 403, "forbidden");
        verifyNoInteractions(deliveries);
    }

    @Test
    void noCallerCanAskForAnEmailToAnAddressOrLinkOfItsChoosing() {
        String anyone = """
                {"template":"VIDEO_READY","recipientEmail":"victim@example.com","videoId":"v-1","frameCount":1,
                 "downloadUrl":"https://evil.example/login","downloadExpiresAt":"2030-01-01T00:00:00Z"}
                """;
        assertProblem(withToken(mvc.post().uri("/notifications"), SERVICE).contentType(MediaType.APPLICATION_JSON)
                .content(anyone).exchange(), 405, "method-not-allowed");
        verifyNoInteractions(deliveries);
    }

    @Test
    void deliveryRecordsNeedAVideoIdOrAnEventId() {
        when(deliveries.findByVideo("v-1")).thenReturn(List.of());
        when(deliveries.find(any())).thenReturn(Optional.empty());

        assertThat(invalidFields(assertProblem(get(SERVICE, "/notifications"), 400, "validation")))
                .containsExactly("videoId");
        assertThat(invalidFields(assertProblem(get(SERVICE, "/notifications?videoId="), 400, "validation")))
                .containsExactly("videoId");
        assertThat(get(SERVICE, BY_VIDEO)).hasStatusOk().bodyJson()
                .extractingPath("$.items").asArray().isEmpty();
        assertProblem(get(SERVICE, "/notifications/" + UUID.randomUUID()), 404, "not-found");
        assertProblem(get(SERVICE, "/notifications/not-a-uuid"), 400, "malformed-request");
    }

    private MvcTestResult get(String token, String path) {
        return withToken(mvc.get().uri(path), token).exchange();
    }
}
