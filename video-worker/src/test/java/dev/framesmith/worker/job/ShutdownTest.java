package dev.framesmith.worker.job;

import static dev.framesmith.worker.WorkerBackend.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerApplication;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Worker instances started and stopped inside the test, as pods are: a stopping worker finishes
 * what fits in its grace period and gives the rest back at once, and the next worker completes it.
 */
class ShutdownTest {

    private static final String QUEUES = "worker-shutdown";

    @TempDir
    static Path dir;

    static Path realTimeFfmpeg;
    static Path fourSeconds;
    static Path twentySeconds;

    private final WorkerBackend backend = new WorkerBackend(QUEUES);
    private ConfigurableApplicationContext worker;

    @BeforeAll
    static void prepare() {
        realTimeFfmpeg = TestFfmpegs.realTime(dir);
        fourSeconds = TestVideos.mp4(dir, "four-seconds.mp4", 4);
        twentySeconds = TestVideos.mp4(dir, "twenty-seconds.mp4", 20);
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void stoppingGivesARunningJobBackAtOnceAndTheNextWorkerCompletesIt() {
        // FFmpeg at the video's pace: the partial decoder would finish the 20 s video before the worker stops
        ConfigurableApplicationContext first = start(Map.of(
                "framesmith.worker.ffmpeg-path", realTimeFfmpeg.toString(),
                "framesmith.worker.decoder.enabled", "false",
                "framesmith.worker.shutdown-grace", "1s"));
        ProcessVideo job = backend.upload(twentySeconds, ExtractionOptions.DEFAULT);
        Path scratch = first.getBean(WorkDirectory.class).instance();
        backend.send(job);
        backend.awaitEvents(job.videoId(), events -> types(events).contains(VideoEventType.PROGRESS));

        first.close();

        assertThat(runningFfmpegs()).as("FFmpeg killed").isEmpty();
        assertThat(scratch).as("scratch space removed").doesNotExist();
        // The visibility timeout is 60 s: only a released message can be received this soon.
        List<Message> released = await().atMost(Duration.ofSeconds(15))
                .until(() -> backend.peek(backend.processingQueue(), 1), messages -> !messages.isEmpty());
        assertThat(MessageCodec.decode(released.get(0).body(), ProcessVideo.class)).isEqualTo(job);
        assertThat(backend.frameObjects(job)).isEmpty();

        worker = start(Map.of());

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        VideoEvent completed = events.get(events.size() - 1).event();
        assertThat(completed.type()).isEqualTo(VideoEventType.COMPLETED);
        assertThat(completed.frameCount()).isEqualTo(20);
        assertThat(backend.frameObjects(job)).as("one ZIP and its contact sheet").extracting(object -> object.key())
                .containsExactlyInAnyOrder(job.framesKey(), StorageKeys.preview(job.userId(), job.videoId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.messagesOn(backend.processingQueue()) == 0);
    }

    @Test
    void stoppingLetsAJobFinishWithinTheGracePeriod() {
        worker = start(Map.of(
                "framesmith.worker.ffmpeg-path", realTimeFfmpeg.toString(),
                "framesmith.worker.shutdown-grace", "60s"));
        ProcessVideo job = backend.upload(fourSeconds, ExtractionOptions.DEFAULT);
        backend.send(job);
        backend.awaitEvents(job.videoId(), events -> types(events).contains(VideoEventType.STARTED));

        worker.close();

        backend.drainEvents();
        List<ReceivedEvent> events = backend.events(job.videoId());
        assertThat(types(events)).endsWith(VideoEventType.COMPLETED);
        assertThat(events.get(events.size() - 1).event().frameCount()).isEqualTo(4);
        assertThat(backend.messagesOn(backend.processingQueue())).isZero();
    }

    private ConfigurableApplicationContext start(Map<String, String> overrides) {
        Map<String, Object> properties = new HashMap<>(TestBackend.springProperties());
        properties.putAll(backend.queueProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("framesmith.worker.poll-timeout", "1s");
        properties.put("framesmith.worker.progress-interval", "0s");
        properties.put("framesmith.worker.visibility-timeout", "60s");
        properties.putAll(overrides);
        // As command-line arguments, so that they win over application.yml like a pod's environment does.
        String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WorkerApplication.class).run(args);
    }

    private static List<ProcessHandle> runningFfmpegs() {
        String executable = TestVideos.ffmpeg().binary().executable().toString();
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(executable::equals).orElse(false))
                .toList();
    }
}
