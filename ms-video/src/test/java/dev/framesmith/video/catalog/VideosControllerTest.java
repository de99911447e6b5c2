package dev.framesmith.video.catalog;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.invalidFields;
import static dev.framesmith.testsupport.Problems.withToken;
import static dev.framesmith.video.support.VideoFixtures.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import dev.framesmith.video.support.Tokens;
import dev.framesmith.video.support.VideoFixtures;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** The catalogue's web rules: list parameters, ownership (404, never 403), tokens. */
@WebMvcTest(VideosController.class)
@TrustTestTokens
@Import({VideoLookup.class, QueuePositions.class})
class VideosControllerTest {

    private static final String USER = "11111111-1111-4111-8111-111111111111";
    private static final String TOKEN = TestTokens.user(USER, "ada@example.com", "Ada");

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    VideoStore store;
    @MockitoBean
    VideoRemoval removal;

    @Test
    void invalidListParametersAreRefusedWithTheirField() {
        String[][] cases = {{"limit=0", "limit"}, {"limit=101", "limit"}, {"limit=many", "limit"},
                {"status=SLEEPING", "status"}, {"status=DELETED", "status"}, {"cursor=not-a-cursor!", "cursor"},
                {"cursor=aGVsbG8", "cursor"}};
        for (String[] c : cases) {
            JsonNode problem = assertProblem(get("/videos?" + c[0], TOKEN), 400, "validation");
            assertThat(invalidFields(problem)).as(c[0]).containsExactly(c[1]);
        }
        verifyNoInteractions(store);
    }

    @Test
    void theListBindsStatusInAnyCaseTheLimitAndTheCursorOfThePreviousPage() {
        VideoStore.PageKey next = new VideoStore.PageKey(UUID.randomUUID().toString(), VideoFixtures.CREATED);
        when(store.listByUser(eq(USER), any(), anyInt(), any()))
                .thenReturn(new VideoStore.ListPage(List.of(video(USER, VideoStatus.WAITING)), next));

        MvcTestResult first = get("/videos?status=waiting&limit=7", TOKEN);
        assertThat(first).hasStatusOk();
        verify(store).listByUser(USER, VideoStatus.WAITING, 7, null);
        String cursor = json(first).path("nextCursor").asString();

        assertThat(get("/videos?cursor=" + cursor, TOKEN)).hasStatusOk();
        verify(store).listByUser(USER, null, VideosController.DEFAULT_LIMIT, next);
        assertThat(get("/videos?status=&cursor=", TOKEN)).hasStatusOk();
        verify(store).listByUser(USER, null, VideosController.DEFAULT_LIMIT, null);
    }

    @Test
    void someoneElsesVideoIsNotFoundAndStaysAsItIs() {
        Video theirs = video(UUID.randomUUID().toString(), VideoStatus.QUEUED);
        when(store.find(theirs.getId())).thenReturn(Optional.of(theirs));

        assertProblem(get("/videos/" + theirs.getId(), TOKEN), 404, "video-not-found");
        assertProblem(delete("/videos/" + theirs.getId(), TOKEN), 404, "video-not-found");
        verify(removal, never()).delete(any());
    }

    @Test
    void unknownAndMalformedIdsAreNotFoundWithoutReachingTheStore() {
        assertProblem(get("/videos/00000000-0000-4000-8000-000000000000", TOKEN), 404, "video-not-found");
        for (String id : List.of("not-an-id", "..etc", "slots%23" + USER, "A0000000-0000-4000-8000-000000000000")) {
            assertProblem(get("/videos/" + id, TOKEN), 404, "video-not-found");
            assertProblem(delete("/videos/" + id, TOKEN), 404, "video-not-found");
        }
        verify(store).find("00000000-0000-4000-8000-000000000000");
        verify(removal, never()).delete(any());
    }

    @Test
    void aDeletedVideoIsGoneButDeletingItAgainIsHarmless() {
        Video deleted = video(USER, VideoStatus.DELETED);
        when(store.find(deleted.getId())).thenReturn(Optional.of(deleted));

        assertProblem(get("/videos/" + deleted.getId(), TOKEN), 404, "video-not-found");
        assertThat(delete("/videos/" + deleted.getId(), TOKEN)).hasStatus(204);
        verify(removal).delete(deleted);
    }

    @Test
    void everyEndpointNeedsAValidUserTokenForThisApi() {
        String id = UUID.randomUUID().toString();
        for (String token : Tokens.refused(USER)) {
            assertProblem(get("/videos", token), 401, "unauthorized");
            assertProblem(get("/videos/" + id, token), 401, "unauthorized");
            assertProblem(delete("/videos/" + id, token), 401, "unauthorized");
        }
        verifyNoInteractions(store, removal);
    }

    @Test
    void anUnconfirmedAddressMayLook() {
        when(store.listByUser(eq(USER), any(), anyInt(), any())).thenReturn(new VideoStore.ListPage(List.of(), null));

        assertThat(get("/videos", TestTokens.unverifiedUser(USER, "ada@example.com", "Ada"))).hasStatusOk();
    }

    private MvcTestResult get(String path, String token) {
        return withToken(mvc.get().uri(URI.create(path)), token).exchange();
    }

    private MvcTestResult delete(String path, String token) {
        return withToken(mvc.delete().uri(URI.create(path)), token).exchange();
    }

    private static JsonNode json(MvcTestResult result) {
        return Api.JSON.readTree(result.getResponse().getContentAsByteArray());
    }
}
