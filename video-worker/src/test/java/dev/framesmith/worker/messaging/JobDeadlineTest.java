package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A job that runs past its deadline fails its video and is not retried: its message is deleted, not redelivered
 * (here a retry would come at once). FFmpeg reads at the video's own pace, so the 8-second clip takes 8 s; the
 * deadline is 3 s, counted from the first receive of the job's message, so a job whose earlier receives used the
 * budget up is not started again.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-deadline-processing",
        "framesmith.aws.queues.events=worker-deadline-events",
        "framesmith.worker.poll-timeout=1s",
        "framesmith.worker.retry-backoff=0s",
        "framesmith.worker.job-timeout=3s",
        "framesmith.worker.decoder.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobDeadlineTest {

    @TempDir
    static Path dir;

    private final WorkerBackend backend = new WorkerBackend("worker-deadline");

    @Autowired
    private MessageListenerContainerRegistry containers;

    @DynamicPropertySource
    static void slowFfmpeg(DynamicPropertyRegistry registry) {
        Path ffmpeg = TestFfmpegs.realTime(dir);
        registry.add("framesmith.worker.ffmpeg-path", ffmpeg::toString);
    }

    @Test
    void failsAJobPastItsDeadlineWithoutRetry() throws InterruptedException {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "eight-seconds.mp4", 8), ExtractionOptions.DEFAULT);

        backend.send(job);

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        VideoEvent failed = events.get(events.size() - 1).event();
        assertThat(failed.type()).isEqualTo(VideoEventType.FAILED);
        assertThat(failed.errorCode()).isEqualTo("TIMED_OUT");
        assertThat(failed.errorMessage()).isEqualTo("Processing this video took longer than the allowed 3 s.");
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.messagesOn(backend.processingQueue()) == 0);
        // long enough for an immediate redelivery to have started again
        Thread.sleep(3_000);
        backend.drainEvents();
        assertThat(backend.events(job.videoId())).extracting(received -> received.event().type())
                .containsExactly(VideoEventType.STARTED, VideoEventType.FAILED);
        assertThat(backend.messagesOn(backend.deadLetterQueue())).isZero();
        assertThat(backend.frameObjects(job)).isEmpty();
    }

    @Test
    void aJobFirstReceivedLongerAgoThanItsBudgetFailsOnItsNextReceiveWithoutRunning() throws InterruptedException {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "one-second.mp4", 1), ExtractionOptions.DEFAULT);
        MessageListenerContainer<?> listener = containers.getContainerById(ProcessVideoListener.CONTAINER_ID);
        listener.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.isRunning());
        try {
            backend.send(job);
            // an earlier receive that ended without an answer, as when a worker dies mid-job; then the budget passes
            assertThat(backend.peek(backend.processingQueue(), 5)).hasSize(1);
            Thread.sleep(4_000);
        } finally {
            listener.start();
        }

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        assertThat(events).extracting(received -> received.event().type()).containsExactly(VideoEventType.FAILED);
        assertThat(events.get(0).event().errorCode()).isEqualTo("TIMED_OUT");
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.messagesOn(backend.processingQueue()) == 0);
        assertThat(backend.messagesOn(backend.deadLetterQueue())).isZero();
        assertThat(backend.frameObjects(job)).isEmpty();
    }
}
