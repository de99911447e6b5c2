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
    void fiftyParallelUploadsOfOneUserDispatchExactlyFive() throws Exception {
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

        List<Video> videos = store.listByUser(user.id(), null, 100, null).videos();
        assertThat(videos).hasSize(50);
        Map<VideoStatus, Long> byStatus = videos.stream()
                .collect(Collectors.groupingBy(Video::getStatus, Collectors.counting()));
        assertThat(byStatus).containsOnly(Map.entry(VideoStatus.QUEUED, 5L), Map.entry(VideoStatus.WAITING, 45L));

        List<ProcessVideo> jobs = jobsOf(user.id());
        List<String> queued = videos.stream().filter(v -> v.getStatus() == VideoStatus.QUEUED).map(Video::getId)
                .toList();
        assertThat(jobs).extracting(ProcessVideo::videoId).containsExactlyInAnyOrderElementsOf(queued);
        assertThat(slotHolders(user.id())).containsExactlyInAnyOrderElementsOf(queued);

        Response otherUpload = upload(other.token(), new Multipart().video("mine.mp4", TestVideos.mp4(900)));
        assertThat(otherUpload.json().path("videos").get(0).path("status").asString())
                .as("another user's slots are their own").isEqualTo("QUEUED");
    }
}
