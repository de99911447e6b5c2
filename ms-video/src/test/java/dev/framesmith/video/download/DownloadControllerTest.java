package dev.framesmith.video.download;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoLookup;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects.PresignedUrl;
import dev.framesmith.video.support.Tokens;
import dev.framesmith.video.support.VideoFixtures;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The download's web rules: only a DONE video of the caller, as a redirect or as JSON, never cached. */
@WebMvcTest(DownloadController.class)
@TrustTestTokens
@Import({VideoLookup.class, DownloadControllerTest.Settings.class})
class DownloadControllerTest {

    private static final String USER = UUID.randomUUID().toString();
    private static final String TOKEN = TestTokens.user(USER, "ada@example.com", "Ada");
    private static final String LINK = "https://bucket.s3.amazonaws.com/frames/u/v/frames.zip?X-Amz-Signature=1";

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    VideoStore store;
    @MockitoBean
    DownloadLinks links;

    @Test
    void aVideoThatIsNotDoneIsNotReady() {
        Video queued = stored(USER, VideoStatus.QUEUED);

        var problem = assertProblem(download(queued.getId(), TOKEN, null), 409, "not-ready");

        assertThat(problem.path("videoStatus").asString()).isEqualTo("QUEUED");
        verifyNoInteractions(links);
    }

    @Test
    void aDoneVideoRedirectsToItsPresignedArchiveOrAnswersTheLinkAsJson() {
        Video done = stored(USER, VideoStatus.DONE);
        Instant expires = Instant.parse("2026-01-02T03:04:05Z");
        when(links.framesLink(any(), any())).thenReturn(new PresignedUrl(LINK, expires, Map.of()));

        MvcTestResult redirect = download(done.getId(), TOKEN, "*/*");
        assertThat(redirect).hasStatus(302).hasHeader("Location", LINK);
        assertThat(redirect.getResponse().getHeader("Cache-Control")).contains("no-store");

        MvcTestResult json = download(done.getId(), TOKEN, "application/json");
        assertThat(json).hasStatusOk().bodyJson().extractingPath("$.url").isEqualTo(LINK);
        assertThat(json).bodyJson().extractingPath("$.expiresAt").isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void theContactSheetFollowsTheSameRulesAndIsMissingForAVideoWithoutOne() {
        Video queued = stored(USER, VideoStatus.QUEUED);
        Video older = stored(USER, VideoStatus.DONE);
        Video done = stored(USER, VideoStatus.DONE);
        done.setPreviewBytes(24_000L);
        Video theirs = stored(UUID.randomUUID().toString(), VideoStatus.DONE);
        theirs.setPreviewBytes(24_000L);
        Instant expires = Instant.parse("2026-01-02T03:04:05Z");
        when(links.previewLink(any(), any())).thenReturn(new PresignedUrl(LINK, expires, Map.of()));

        assertThat(assertProblem(preview(queued.getId(), null), 409, "not-ready").path("videoStatus").asString())
                .isEqualTo("QUEUED");
        assertProblem(preview(older.getId(), "application/json"), 404, "no-preview");
        assertProblem(preview(theirs.getId(), null), 404, "video-not-found");
        assertProblem(preview("not-an-id", null), 404, "video-not-found");

        MvcTestResult redirect = preview(done.getId(), "*/*");
        assertThat(redirect).hasStatus(302).hasHeader("Location", LINK);
        assertThat(redirect.getResponse().getHeader("Cache-Control")).contains("no-store");
        MvcTestResult json = preview(done.getId(), "application/json");
        assertThat(json).hasStatusOk().bodyJson().extractingPath("$.url").isEqualTo(LINK);
        assertThat(json).bodyJson().extractingPath("$.expiresAt").isEqualTo("2026-01-02T03:04:05Z");
        for (String token : Tokens.refused(USER)) {
            assertProblem(withToken(mvc.get().uri("/videos/" + done.getId() + "/preview"), token).exchange(), 401,
                    "unauthorized");
        }
    }

    @Test
    void someoneElsesOrAnUnknownVideoIsNotFound() {
        Video theirs = stored(UUID.randomUUID().toString(), VideoStatus.DONE);

        assertProblem(download(theirs.getId(), TOKEN, null), 404, "video-not-found");
        assertProblem(download(UUID.randomUUID().toString(), TOKEN, null), 404, "video-not-found");
        assertProblem(download("not-an-id", TOKEN, null), 404, "video-not-found");
        verifyNoInteractions(links);
    }

    @Test
    void aUserTokenForThisApiIsNeeded() {
        String id = UUID.randomUUID().toString();
        for (String token : Tokens.refused(USER)) {
            assertProblem(download(id, token, null), 401, "unauthorized");
        }
        verifyNoInteractions(store, links);
    }

    @Test
    void aTokenInTheQueryStringIsNotAccepted() {
        Video done = stored(USER, VideoStatus.DONE);

        assertProblem(mvc.get().uri("/videos/" + done.getId() + "/download?access_token=" + TOKEN).exchange(), 401,
                "unauthorized");
        verifyNoInteractions(links);
    }

    @EnableConfigurationProperties(VideoProperties.class)
    static class Settings {
    }

    private MvcTestResult download(String id, String token, String accept) {
        var request = withToken(mvc.get().uri(URI.create("/videos/" + id + "/download")), token);
        return (accept == null ? request : request.header("Accept", accept)).exchange();
    }

    private MvcTestResult preview(String id, String accept) {
        var request = withToken(mvc.get().uri(URI.create("/videos/" + id + "/preview")), TOKEN);
        return (accept == null ? request : request.header("Accept", accept)).exchange();
    }

    private Video stored(String userId, VideoStatus status) {
        Video video = VideoFixtures.video(userId, status);
        when(store.find(video.getId())).thenReturn(Optional.of(video));
        return video;
    }
}
