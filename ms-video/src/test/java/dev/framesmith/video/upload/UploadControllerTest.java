package dev.framesmith.video.upload;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.mockito.Mockito.verifyNoInteractions;

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

/** {@code POST /videos} takes multipart/form-data only, and a user's token. */
@WebMvcTest(UploadController.class)
@TrustTestTokens
class UploadControllerTest {

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    StreamedUploads uploads;

    @Test
    void aBodyThatIsNotMultipartIsRefusedBeforeAnythingIsRead() {
        for (MediaType type : new MediaType[] {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
                MediaType.APPLICATION_OCTET_STREAM}) {
            assertProblem(withToken(mvc.post().uri("/videos"), TestTokens.anyUser()).contentType(type)
                    .content("{\"files\":[]}").exchange(), 415, "unsupported-media-type");
        }
        verifyNoInteractions(uploads);
    }

    @Test
    void aUserTokenForThisApiIsNeeded() {
        for (String token : Tokens.refused(UUID.randomUUID().toString())) {
            assertProblem(upload(token), 401, "unauthorized");
        }
        verifyNoInteractions(uploads);
    }

    @Test
    void nothingGetsInUntilTheOwnerHasConfirmedTheAddress() {
        String id = UUID.randomUUID().toString();

        assertProblem(upload(TestTokens.unverifiedUser(id, "ada@example.com", "Ada")), 403, "email-not-verified");

        verifyNoInteractions(uploads);
    }

    private MvcTestResult upload(String token) {
        return withToken(mvc.post().uri("/videos"), token).contentType(MediaType.MULTIPART_FORM_DATA)
                .content("--x--").exchange();
    }
}
