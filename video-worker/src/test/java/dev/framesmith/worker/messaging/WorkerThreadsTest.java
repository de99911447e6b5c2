package dev.framesmith.worker.messaging;

import static dev.framesmith.worker.WorkerBackend.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every job thread takes work as soon as it is free: a job that arrives while another runs starts on the idle
 * thread at once, not when the running one ends. ms-video sends a user's next job when the last one starts, so a
 * worker that waited for its running job would run one user's videos one at a time. FFmpeg runs in real time here
 * (and the partial decoder is off), so the first job lasts its six seconds.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-threads-processing",
        "framesmith.aws.queues.events=worker-threads-events",
        "framesmith.worker.concurrency=2",
        "framesmith.worker.decoder.enabled=false",
        "framesmith.worker.poll-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WorkerThreadsTest {

    @TempDir
    static Path dir;

    private final WorkerBackend backend = new WorkerBackend("worker-threads");

    @DynamicPropertySource
    static void realTimeFfmpeg(DynamicPropertyRegistry registry) {
        TestFfmpegs.useRealTime(registry, dir);
    }

    @Test
    void aJobSentWhileAnotherRunsStartsOnTheFreeThreadWithoutWaitingForTheRunningOne() {
        ProcessVideo running = backend.upload(TestVideos.mp4(dir, "six-seconds.mp4", 6), ExtractionOptions.DEFAULT);
        ProcessVideo next = backend.upload(TestVideos.mp4(dir, "one-second.mp4", 1), ExtractionOptions.DEFAULT);

        backend.send(running);
        backend.awaitEvents(running.videoId(), events -> types(events).contains(VideoEventType.STARTED));
        backend.send(next);

        assertThat(types(backend.awaitTerminal(next.videoId()))).contains(VideoEventType.COMPLETED);
        backend.drainEvents();
        assertThat(types(backend.events(running.videoId()))).as("the first job still runs")
                .doesNotContain(VideoEventType.COMPLETED, VideoEventType.FAILED);
        assertThat(types(backend.awaitTerminal(running.videoId()))).contains(VideoEventType.COMPLETED);
    }
}
