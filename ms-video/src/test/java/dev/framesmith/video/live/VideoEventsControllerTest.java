package dev.framesmith.video.live;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import dev.framesmith.video.support.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The event stream needs a valid user token, in the header or (for EventSource) the query. */
@WebMvcTest(VideoEventsController.class)
@TrustTestTokens
class VideoEventsControllerTest {

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    LiveUpdates live;

    @Test
    void noStreamOpensWithoutAValidUserToken() {
        String id = UUID.randomUUID().toString();
        for (String token : Tokens.refused(id)) {
            assertProblem(withToken(mvc.get().uri("/videos/events"), token).exchange(), 401, "unauthorized");
        }
        String expired = TestTokens.expiredUser(id, "ada@example.com", "Ada");
        assertProblem(mvc.get().uri("/videos/events?access_token=" + expired).exchange(), 401, "unauthorized");
        verify(live, never()).open(any(), any());
    }

    @Test
    void aBrowsersEventSourceMayPassTheTokenInTheQuery() {
        String id = UUID.randomUUID().toString();
        String token = userWithAStream(id);

        assertThat(mvc.get().uri("/videos/events?access_token=" + token).exchange()).hasStatusOk();
        verify(live).open(id, token);
    }

    @Test
    void theStreamIsServedWhateverTheClientSaysItAccepts() {
        String token = userWithAStream(UUID.randomUUID().toString());

        MvcTestResult asJson = withToken(mvc.get().uri("/videos/events").accept(MediaType.APPLICATION_JSON), token)
                .exchange();

        assertThat(asJson).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM);
    }

    /** The token of a user whose stream opens (and ends at once). */
    private String userWithAStream(String id) {
        SseEmitter closed = new SseEmitter();
        closed.complete();
        String token = TestTokens.user(id, "ada@example.com", "Ada");
        when(live.open(id, token)).thenReturn(closed);
        return token;
    }
}
