package dev.framesmith.video.live;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

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
        String expired = TestTokens.expiredUser(id, "ada@example.com", "Ada");
        String forged = TestTokens.forgedUser(id, "ada@example.com", "Ada");
        for (String token : new String[] {null, expired, forged, "not.a.jwt"}) {
            assertProblem(withToken(mvc.get().uri("/videos/events"), token).exchange(), 401, "unauthorized");
        }
        assertProblem(mvc.get().uri("/videos/events?access_token=" + expired).exchange(), 401, "unauthorized");
        assertProblem(withToken(mvc.get().uri("/videos/events"), TestTokens.service("ms-notify", "notifications:send"))
                .exchange(), 403, "forbidden");
        verify(live, never()).open(any());
    }
}
