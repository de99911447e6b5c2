package dev.framesmith.video.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.SlowUpload;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Small per-user caps: 2 concurrent uploads, 8 waiting videos, 2 event streams (and 5 videos in flight per user).
 * Each refusal is a 429 problem with Retry-After, and leaves nothing behind.
 */
@TestPropertySource(properties = {
        "framesmith.video.quotas.concurrent-uploads=2",
        "framesmith.video.quotas.waiting-videos=8",
        "framesmith.video.quotas.event-streams=2"})
class QuotasTest extends IntegrationTest {

    @Test
    void aThirdConcurrentStreamedUploadIsRefusedAndTheCapIsFreedWhenOneEnds() throws Exception {
        TestUser user = TestUser.random();
        Multipart large = new Multipart().video("slow.mp4", TestVideos.mp4(200_000));
        try (SlowUpload first = SlowUpload.start(port(), user.token(), large, 70_000, 1024, Duration.ofMillis(50));
                SlowUpload second = SlowUpload.start(port(), user.token(), large, 70_000, 1024,
                        Duration.ofMillis(50))) {
            // Until both slow uploads are being received, a probe may still get in.
            await().atMost(PATIENCE).until(() -> upload(user.token(),
                    new Multipart().video("probe.mp4", TestVideos.mp4(900))).status() == 429);
            Response third = upload(user.token(), new Multipart().video("third.mp4", TestVideos.mp4(900)));
            assertRetryLater(third, "too-many-uploads", "30");

            assertThat(TestUser.random()).satisfies(other -> assertThat(
                    upload(other.token(), new Multipart().video("other.mp4", TestVideos.mp4(900))).status())
                    .as("another user is not held up").isEqualTo(202));
            assertThat(first.answer().get()).startsWith("HTTP/1.1 202");
            assertThat(second.answer().get()).startsWith("HTTP/1.1 202");
        }
        assertThat(upload(user.token(), new Multipart().video("after.mp4", TestVideos.mp4(900))).status())
                .isEqualTo(202);
        assertThat(itemsOf(user.id())).extracting(video -> video.getFilename())
                .filteredOn(name -> !name.equals("probe.mp4"))
                .containsExactlyInAnyOrder("slow.mp4", "slow.mp4", "after.mp4");
    }

    @Test
    void uploadsThatWouldTakeTheWaitingVideosPastTheCapAreRefusedWithNothingStored() {
        TestUser user = TestUser.random();
        assertThat(upload(user.token(), fiveVideos()).status()).isEqualTo(202);
        assertThat(upload(user.token(), new Multipart()
                .video("a.mp4", TestVideos.mp4(900)).video("b.mp4", TestVideos.mp4(900))
                .video("c.mp4", TestVideos.mp4(900)).video("d.mp4", TestVideos.mp4(900))).status()).isEqualTo(202);
        assertThat(store.countPending(user.id(), VideoStatus.WAITING, 100)).as("one queued, the rest waiting")
                .isEqualTo(8);
        List<String> stored = objectsOf(user.id());

        Response overByOne = upload(user.token(), new Multipart().video("one-more.mp4", TestVideos.mp4(900)));

        assertRetryLater(overByOne, "too-many-waiting-videos", "60");
        assertThat(overByOne.json().path("waitingVideos").asLong()).isEqualTo(8);
        assertThat(overByOne.json().path("maxWaitingVideos").asInt()).isEqualTo(8);
        assertThat(objectsOf(user.id())).as("nothing more stored").isEqualTo(stored);
        assertThat(itemsOf(user.id())).hasSize(9);

        Response direct = api.postJson("/videos/uploads", user.token(),
                "{\"filename\":\"direct.mp4\",\"sizeBytes\":900}");
        assertRetryLater(direct, "too-many-waiting-videos", "60");
        assertThat(itemsOf(user.id())).hasSize(9);
    }

    @Test
    void aRequestWhoseFilesWouldGoPastTheWaitingCapIsRefusedAfterReadingAndDiscardsThem() {
        TestUser user = TestUser.random();
        assertThat(upload(user.token(), fiveVideos()).status()).isEqualTo(202);
        List<String> stored = objectsOf(user.id());

        Response tooMany = upload(user.token(), fiveVideos());

        assertRetryLater(tooMany, "too-many-waiting-videos", "60");
        assertThat(objectsOf(user.id())).as("the request's files removed").isEqualTo(stored);
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
        assertThat(itemsOf(user.id())).hasSize(5);
    }

    @Test
    void aThirdDirectUploadNotYetCompletedIsRefusedUntilOneIsDeleted() {
        TestUser user = TestUser.random();
        String first = startDirect(user).json().path("id").asString();
        assertThat(startDirect(user).status()).isEqualTo(201);

        assertRetryLater(startDirect(user), "too-many-uploads", "30");
        assertThat(itemsOf(user.id())).hasSize(2);

        assertThat(api.delete("/videos/" + first, user.token()).status()).isEqualTo(204);
        assertThat(startDirect(user).status()).isEqualTo(201);
    }

    @Test
    void directUploadsStartedAllAtOnceAreHeldToTheCapExactly() throws Exception {
        TestUser user = TestUser.random();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Response> responses = new ArrayList<>();
        try {
            List<Future<Response>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(pool.submit(() -> startDirect(user)));
            }
            for (Future<Response> start : starts) {
                responses.add(start.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).extracting(Response::status).containsOnly(201, 429).filteredOn(status -> status == 201)
                .hasSize(2);
        responses.stream().filter(response -> response.status() == 429)
                .forEach(refused -> assertRetryLater(refused, "too-many-uploads", "30"));
        assertThat(itemsOf(user.id())).as("videos left of the refused starts").hasSize(2);
    }

    @Test
    void aThirdEventStreamIsRefusedAndOneClosedMakesRoom() {
        TestUser user = TestUser.random();
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        try {
            open.add(stream(user));
            open.add(stream(user));
            assertThat(open).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));

            HttpResponse<Stream<String>> third = stream(user);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(third.body().reduce("", String::concat)).contains("/too-many-event-streams\"");
            assertThat(stream(TestUser.random()).statusCode()).as("another user's stream").isEqualTo(200);

            open.remove(0).body().close();
            await().atMost(PATIENCE).until(() -> {
                HttpResponse<Stream<String>> again = stream(user);
                if (again.statusCode() == 200) {
                    open.add(again);
                    return true;
                }
                again.body().close();
                return false;
            });
        } finally {
            open.forEach(response -> response.body().close());
        }
    }

    private HttpResponse<Stream<String>> stream(TestUser user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/videos/events"))
                .header("Authorization", "Bearer " + user.token())
                .header("Accept", "text/event-stream").GET().build();
        return api.http().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).join();
    }

    private Response startDirect(TestUser user) {
        return api.postJson("/videos/uploads", user.token(), "{\"filename\":\"direct.mp4\",\"sizeBytes\":900}");
    }

    private static Multipart fiveVideos() {
        Multipart form = new Multipart();
        for (int i = 0; i < 5; i++) {
            form.video("clip-" + i + ".mp4", TestVideos.mp4(900));
        }
        return form;
    }

    private static void assertRetryLater(Response response, String problem, String retryAfter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problem()).isEqualTo(problem);
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
        assertThat(response.json().path("retryAfterSeconds").asLong()).isEqualTo(Long.parseLong(retryAfter));
    }
}
