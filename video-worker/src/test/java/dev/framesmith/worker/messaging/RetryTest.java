package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An FFmpeg crash is not the video's fault: the job is not acknowledged and comes back (here at
 * once, without back-off) until SQS moves it to the dead-letter queue after maxReceiveCount receives.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-retry-processing",
        "framesmith.aws.queues.events=worker-retry-events",
        "framesmith.aws.provision.max-receive-count=2",
        "framesmith.worker.retry-backoff=0s",
        "framesmith.worker.poll-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RetryTest {

    @TempDir
    static Path dir;

    private final WorkerBackend backend = new WorkerBackend("worker-retry");

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void crashingFfmpeg(DynamicPropertyRegistry registry) {
        Path ffmpeg = TestFfmpegs.crashing(dir);
        registry.add("framesmith.worker.ffmpeg-path", ffmpeg::toString);
    }

    @Test
    void retriesACrashedJobUntilItLandsInTheDeadLetterQueue() {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "clip.mp4", 1), ExtractionOptions.DEFAULT);

        backend.send(job);

        List<Message> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            dead.addAll(backend.receive(backend.deadLetterQueue(), 1));
            return !dead.isEmpty();
        });
        assertThat(MessageCodec.decode(dead.get(0).body(), ProcessVideo.class)).isEqualTo(job);
        backend.drainEvents();
        assertThat(backend.events(job.videoId())).extracting(ReceivedEvent::event)
                .extracting(event -> event.type())
                .containsExactly(VideoEventType.STARTED, VideoEventType.STARTED);
        assertThat(meters.counter("framesmith.worker.jobs", "outcome", "retried").count()).isEqualTo(2);
        assertThat(meters.counter("framesmith.worker.ffmpeg.exit", "code", "139").count()).isEqualTo(2);
        assertThat(backend.frameObjects(job)).isEmpty();
        assertThat(backend.messagesOn(backend.processingQueue())).isZero();
    }
}
