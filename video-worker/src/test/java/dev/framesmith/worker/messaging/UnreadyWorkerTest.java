package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.config.FfmpegHealthIndicator;
import dev.framesmith.worker.ffmpeg.ChildLimits;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A worker that cannot apply the configured memory limit to FFmpeg (no {@code prlimit}) takes no job: the job stays
 * on the queue for a worker that can run it within its bound. (A configured FFmpeg that is missing stops the start.)
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-unready-processing",
        "framesmith.aws.queues.events=worker-unready-events",
        "framesmith.worker.poll-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnreadyWorkerTest {

    @TestConfiguration
    static class WithoutPrlimit {

        @Bean
        @Primary
        ChildLimits limitThatCannotBeApplied() {
            return new ChildLimits(1L << 30, null);
        }
    }

    @TempDir
    static Path dir;

    private final WorkerBackend backend = new WorkerBackend("worker-unready");

    @Autowired
    MessageListenerContainerRegistry containers;
    @Autowired
    FfmpegHealthIndicator ffmpeg;

    @Test
    void aWorkerThatCannotBoundFfmpegsMemoryLeavesItsJobsOnTheQueue() {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "clip.mp4", 1), ExtractionOptions.DEFAULT);

        backend.send(job);

        // Several of the listener's 1 s polls.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> {
            backend.drainEvents();
            return backend.events(job.videoId()).isEmpty();
        });
        assertThat(ffmpeg.ready()).isFalse();
        assertThat(containers.getContainerById(ProcessVideoListener.CONTAINER_ID).isRunning()).isFalse();
        assertThat(backend.messagesOn(backend.processingQueue())).isEqualTo(1);
    }
}
