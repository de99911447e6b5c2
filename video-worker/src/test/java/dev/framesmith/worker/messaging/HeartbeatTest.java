package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A job three times longer than the visibility timeout: the heartbeat keeps its message invisible,
 * so a rival consumer polling the queue the whole time never gets it, and it runs exactly once; and it tells
 * ms-video on every keep-alive interval that the job is alive.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-heartbeat-processing",
        "framesmith.aws.queues.events=worker-heartbeat-events",
        "framesmith.worker.visibility-timeout=2s",
        "framesmith.worker.keep-alive=1s",
        "framesmith.worker.poll-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HeartbeatTest {

    @TempDir
    static Path dir;

    private final WorkerBackend backend = new WorkerBackend("worker-heartbeat");

    @DynamicPropertySource
    static void realTimeFfmpeg(DynamicPropertyRegistry registry) {
        TestFfmpegs.useRealTime(registry, dir);
    }

    @Test
    void keepsALongJobInvisibleToOtherConsumers() {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "six-seconds.mp4", 6), ExtractionOptions.DEFAULT);

        backend.send(job);

        List<Message> stolen = new ArrayList<>();
        List<ReceivedEvent> events = backend.awaitEvents(job.videoId(), all -> {
            stolen.addAll(backend.receive(backend.processingQueue(), 1));
            return !stolen.isEmpty() || all.stream().anyMatch(e -> e.event().type().terminal());
        });
        assertThat(stolen).as("messages a rival consumer received while the job ran").isEmpty();
        List<VideoEventType> types = events.stream().map(received -> received.event().type()).toList();
        assertThat(types).startsWith(VideoEventType.STARTED).endsWith(VideoEventType.COMPLETED)
                .containsOnlyOnce(VideoEventType.STARTED, VideoEventType.COMPLETED);
        VideoEvent completed = events.get(events.size() - 1).event();
        assertThat(completed.frameCount()).isEqualTo(6);
        assertThat(events).as("signs of life: PROGRESS events that raise nothing")
                .filteredOn(received -> received.event().type() == VideoEventType.PROGRESS
                        && received.event().progressPercent() == 0)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.between(events.get(0).event().occurredAt(), completed.occurredAt()))
                .as("the job outlasted the visibility timeout twice over").isGreaterThan(Duration.ofSeconds(4));
        assertThat(backend.messagesOn(backend.processingQueue())).isZero();
    }
}
