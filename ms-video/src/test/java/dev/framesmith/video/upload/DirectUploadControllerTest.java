package dev.framesmith.video.upload;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoLookup;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.support.Tokens;
import dev.framesmith.video.support.VideoFixtures;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The direct upload's web rules: the start request's fields, the completion's part list, ownership, tokens. */
@WebMvcTest(DirectUploadController.class)
@TrustTestTokens
@Import(VideoLookup.class)
class DirectUploadControllerTest {

    private static final String USER = UUID.randomUUID().toString();
    private static final String TOKEN = TestTokens.user(USER, "ada@example.com", "Ada");

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    VideoStore store;
    @MockitoBean
    DirectUploads uploads;

    @Test
    void invalidStartRequestsAreRefusedWithTheirFieldAndStartNothing() {
        String[][] cases = {
                {"{\"sizeBytes\":10}", "filename"},
                {"{\"filename\":\" \",\"sizeBytes\":10}", "filename"},
                {"{\"filename\":\"a.mp4\"}", "sizeBytes"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":0}", "sizeBytes"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":-5}", "sizeBytes"},
                {"{\"filename\":\"" + "n".repeat(1025) + "\",\"sizeBytes\":10}", "filename"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"fps\":31}", "fps"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"format\":\"bmp\"}", "format"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"maxWidth\":8000}", "maxWidth"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"contentType\":\"text/html\"}", "contentType"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"contentType\":\"application/octet-stream\"}",
                        "contentType"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"contentType\":\"\"}", "contentType"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"contentType\":\"video/\"}", "contentType"},
                {"{\"filename\":\"a.mp4\",\"sizeBytes\":10,\"contentType\":\"video/mp4\\r\\nX-Evil: 1\"}",
                        "contentType"}};
        for (String[] c : cases) {
            assertThat(invalidFields(assertProblem(post("/videos/uploads", c[0]), 400, "validation"))).as(c[0])
                    .first().isEqualTo(c[1]);
        }
        assertProblem(post("/videos/uploads", "{\"filename\":"), 400, "malformed-request");
        verifyNoInteractions(uploads);
    }

    @Test
    void aBodyOverTheCapIsRefusedBeforeItIsParsed() {
        String huge = "{\"filename\":\"" + "n".repeat(10 * 1024 * 1024) + "\",\"sizeBytes\":10}";

        assertProblem(post("/videos/uploads", huge), 413, "payload-too-large");
        verifyNoInteractions(uploads);
    }

    @Test
    void anInvalidPartListIsRefusedBeforeAnythingIsCompleted() {
        Video mine = stored(USER);

        var problem = assertProblem(post("/videos/" + mine.getId() + "/complete",
                "{\"parts\":[{\"partNumber\":0,\"etag\":\"x\"}]}"), 400, "validation");

        assertThat(problem.path("errors")).isNotEmpty();
        verifyNoInteractions(uploads);
    }

    @Test
    void someoneElsesOrAnUnknownUploadIsNotFound() {
        Video theirs = stored(UUID.randomUUID().toString());

        assertProblem(post("/videos/" + theirs.getId() + "/complete", null), 404, "video-not-found");
        assertProblem(post("/videos/" + UUID.randomUUID() + "/complete", null), 404, "video-not-found");
        assertProblem(post("/videos/not-an-id/complete", null), 404, "video-not-found");
        assertProblem(post("/videos/" + theirs.getId() + "/upload-urls", null), 404, "video-not-found");
        assertProblem(post("/videos/not-an-id/upload-urls", null), 404, "video-not-found");
        verifyNoInteractions(uploads);
    }

    @Test
    void aUserTokenForThisApiIsNeeded() {
        String id = UUID.randomUUID().toString();
        for (String token : Tokens.refused(USER)) {
            assertProblem(post(token, "/videos/uploads", "{\"filename\":\"a.mp4\",\"sizeBytes\":10}"), 401,
                    "unauthorized");
            assertProblem(post(token, "/videos/" + id + "/complete", null), 401, "unauthorized");
            assertProblem(post(token, "/videos/" + id + "/upload-urls", null), 401, "unauthorized");
        }
        verifyNoInteractions(uploads, store);
    }

    @Test
    void anUploadNeitherStartsNorRenewsNorCompletesUntilTheOwnerHasConfirmedTheAddress() {
        String unconfirmed = TestTokens.unverifiedUser(USER, "ada@example.com", "Ada");
        Video started = stored(USER);

        assertProblem(post(unconfirmed, "/videos/uploads", "{\"filename\":\"a.mp4\",\"sizeBytes\":10}"), 403,
                "email-not-verified");
        assertProblem(post(unconfirmed, "/videos/" + started.getId() + "/complete", null), 403, "email-not-verified");
        assertProblem(post(unconfirmed, "/videos/" + started.getId() + "/upload-urls", null), 403,
                "email-not-verified");
        verifyNoInteractions(uploads);
    }

    private MvcTestResult post(String path, String json) {
        return post(TOKEN, path, json);
    }

    private MvcTestResult post(String token, String path, String json) {
        var request = withToken(mvc.post().uri(URI.create(path)), token);
        return (json == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(json)).exchange();
    }

    private Video stored(String userId) {
        Video video = VideoFixtures.video(userId, VideoStatus.UPLOADING);
        when(store.find(video.getId())).thenReturn(Optional.of(video));
        return video;
    }
}
