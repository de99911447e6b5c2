package dev.framesmith.worker.messaging;

import static dev.framesmith.worker.WorkerBackend.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerApplication;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import dev.framesmith.worker.job.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One extraction per video at a time: a second job for a video whose job is running (a resend of the sweeper, a
 * dispatch raced by two replicas) is dropped by the other worker, and a job whose claim ms-video removed (the video
 * failed or was deleted) stops, leaving no archive, no message and no temporary file. FFmpeg runs in real time here
 * (and the partial decoder is off), so jobs last.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-claim-processing",
        "framesmith.aws.queues.events=worker-claim-events",
        "framesmith.worker.concurrency=1",
        "framesmith.worker.decoder.enabled=false",
        "framesmith.worker.visibility-timeout=3s",
        "framesmith.worker.poll-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JobClaimTest {

    @TempDir
    static Path dir;

    private final WorkerBackend backend = new WorkerBackend("worker-claim");

    @Autowired
    private WorkDirectory workDirectory;

    @DynamicPropertySource
    static void realTimeFfmpeg(DynamicPropertyRegistry registry) {
        TestFfmpegs.useRealTime(registry, dir);
    }

    @Test
    void aSecondJobForAVideoBeingProcessedIsDroppedByTheOtherWorkerWithoutWork() {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "eight-seconds.mp4", 8), ExtractionOptions.DEFAULT);
        ProcessVideo resent = ProcessVideo.of(job.videoId(), job.userId(), job.bucket(), job.options(),
                job.sourceEtag());

        try (ConfigurableApplicationContext rival = startRival()) {
            backend.send(job);
            backend.awaitEvents(job.videoId(), events -> types(events).contains(VideoEventType.STARTED));
            backend.send(resent);
            // The idle worker receives the resend at once and drops it: only the running job's message is left.
            await().atMost(Duration.ofSeconds(5)).until(() -> backend.messagesOn(backend.processingQueue()) == 1);

            List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
            assertThat(types(events)).containsOnlyOnce(VideoEventType.STARTED, VideoEventType.COMPLETED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> backend.messagesOn(backend.processingQueue()) == 0);
            backend.drainEvents();
            assertThat(types(backend.events(job.videoId()))).as("one extraction")
                    .containsOnlyOnce(VideoEventType.STARTED, VideoEventType.COMPLETED);
        }
    }

    @Test
    void aJobWhoseClaimIsRemovedStopsAndLeavesNothing() throws IOException {
        ProcessVideo job = backend.upload(TestVideos.mp4(dir, "twenty-seconds.mp4", 20), ExtractionOptions.DEFAULT);

        backend.send(job);
        backend.awaitEvents(job.videoId(), events -> types(events).contains(VideoEventType.PROGRESS));
        backend.s3().deleteObject(request -> request.bucket(job.bucket())
                .key(StorageKeys.jobClaim(job.userId(), job.videoId())));

        // Within a few heartbeats (one a second here), long before the 20 s of real-time extraction would end.
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.messagesOn(backend.processingQueue()) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobDirectories() == 0);
        assertThat(types(backend.events(job.videoId()))).doesNotContain(VideoEventType.COMPLETED,
                VideoEventType.FAILED);
        assertThat(backend.frameObjects(job)).as("archives").isEmpty();
    }

    /** A second worker on the same queues, as another replica. */
    private ConfigurableApplicationContext startRival() {
        Map<String, Object> properties = new HashMap<>(TestBackend.springProperties());
        properties.putAll(backend.queueProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("framesmith.worker.concurrency", "1");
        properties.put("framesmith.worker.decoder.enabled", "false");
        properties.put("framesmith.worker.visibility-timeout", "3s");
        properties.put("framesmith.worker.poll-timeout", "1s");
        properties.put("framesmith.worker.ffmpeg-path", TestFfmpegs.realTime(dir).toString());
        String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WorkerApplication.class).run(args);
    }

    private long jobDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(workDirectory.instance())) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("job-")).count();
        }
    }
}
