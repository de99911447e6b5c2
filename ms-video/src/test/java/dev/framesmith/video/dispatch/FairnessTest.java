package dev.framesmith.video.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FairnessTest extends IntegrationTest {

    @Test
    void fiftyParallelUploadsOfOneUserQueueOneJobAtATimeAndRunAtMostFive() throws Exception {
        TestUser user = TestUser.random();
        TestUser other = TestUser.random();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<Response>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String name = "parallel-" + i + ".mp4";
                responses.add(clients.submit(() -> upload(user.token(),
                        new Multipart().video(name, TestVideos.mp4(2048)))));
            }
            for (Future<Response> response : responses) {
                assertThat(response.get().status()).as(response.get().toString()).isEqualTo(202);
            }
        } finally {
            clients.shutdown();
        }

        assertThat(itemsOf(user.id())).hasSize(50);
        assertThat(byStatus(user)).as("one job waits for a worker, the rest for it to start")
                .containsOnly(Map.entry(VideoStatus.QUEUED, 1L), Map.entry(VideoStatus.WAITING, 49L));
        Response otherUpload = upload(other.token(), new Multipart().video("mine.mp4", TestVideos.mp4(900)));
        assertThat(otherUpload.json().path("videos").get(0).path("status").asString())
                .as("another user's slots are their own").isEqualTo("QUEUED");

        for (long started = 1; started < 5; started++) {
            startQueuedVideos(user.id(), 1);
            assertThat(byStatus(user)).as("the next one is queued as soon as one starts").containsOnly(
                    Map.entry(VideoStatus.PROCESSING, started), Map.entry(VideoStatus.QUEUED, 1L),
                    Map.entry(VideoStatus.WAITING, 49L - started));
        }
        startQueuedVideos(user.id(), 1);

        assertThat(byStatus(user)).as("five in flight, all running")
                .containsOnly(Map.entry(VideoStatus.PROCESSING, 5L), Map.entry(VideoStatus.WAITING, 45L));
        List<String> inFlight = itemsOf(user.id()).stream().filter(v -> v.getStatus() == VideoStatus.PROCESSING)
                .map(Video::getId).toList();
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactlyInAnyOrderElementsOf(inFlight);
        assertThat(slotHolders(user.id())).containsExactlyInAnyOrderElementsOf(inFlight);
    }

    private Map<VideoStatus, Long> byStatus(TestUser user) {
        return itemsOf(user.id()).stream().collect(Collectors.groupingBy(Video::getStatus, Collectors.counting()));
    }
}
