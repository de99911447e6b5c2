package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestFfmpegs;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every job has a budget, and a hostile file fails its video with a clear code instead of taking the worker down:
 * a 16000x16000 picture is refused from the probe before anything decodes it; frames that would not fit the output
 * budget are refused before extracting, and frames that outgrow it stop the extraction; every FFmpeg and decoder
 * process runs under the address-space limit; a file whose keyframes stop early is decoded in one pass. FFmpeg and
 * the decoder's java are wrapped to record each run with the limit it got. Retries would come at once here
 * (no back-off): a rejected video must be reported once and its message deleted.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-budgets-processing",
        "framesmith.aws.queues.events=worker-budgets-events",
        "framesmith.worker.poll-timeout=1s",
        "framesmith.worker.retry-backoff=0s",
        "framesmith.processing.max-output-size=3MB",
        "framesmith.worker.limits.memory=800MB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BudgetsTest {

    private static final long MEMORY_LIMIT = 800L * 1024 * 1024;

    @TempDir
    static Path dir;

    static Path runs;
    static Path workDir;

    private final WorkerBackend backend = new WorkerBackend("worker-budgets");

    @DynamicPropertySource
    static void recordingProcesses(DynamicPropertyRegistry registry) throws IOException {
        runs = Files.createFile(dir.resolve("runs.log"));
        workDir = Files.createDirectories(dir.resolve("work"));
        Path ffmpeg = TestFfmpegs.recordingFfmpeg(dir, runs);
        Path java = TestFfmpegs.recording(dir, "java-recording",
                Path.of(System.getProperty("java.home"), "bin", "java"), runs);
        registry.add("framesmith.worker.ffmpeg-path", ffmpeg::toString);
        registry.add("framesmith.worker.decoder.java", java::toString);
        registry.add("framesmith.worker.work-dir", workDir::toString);
        registry.add("framesmith.worker.decoder.cache-dir", () -> Path.of("target", "decoder-cache").toAbsolutePath()
                .toString());
    }

    @BeforeAll
    static void makeVideos() {
        TestVideos.bomb(dir, "bomb.mp4");
        TestVideos.noise(dir, "noise.mp4", 3);
        TestVideos.earlyKeyframesOnly(dir, "early-keyframes.mp4", 16, 4);
    }

    @BeforeEach
    void forgetEarlierRuns() throws IOException {
        Files.writeString(runs, "");
    }

    @Test
    void refusesADecompressionBombFromTheProbeAlone() throws IOException {
        VideoEvent failed = failedOnce(backend.upload(dir.resolve("bomb.mp4"), ExtractionOptions.DEFAULT));

        assertThat(failed.errorCode()).isEqualTo("RESOLUTION_TOO_HIGH");
        assertThat(failed.resolution()).isEqualTo("uhd");
        assertThat(failed.errorMessage()).isEqualTo("The video's picture is 16000x16000 (256.0 megapixels); at most"
                + " 9.4 megapixels are allowed.");
        assertThat(recordedRuns()).singleElement().satisfies(run -> assertThat(run)
                .startsWith(MEMORY_LIMIT + " ").contains("-max_pixels 9437184").contains("-threads 1"));
    }

    @Test
    void refusesFramesThatWouldNotFitTheOutputBudgetBeforeExtracting() throws IOException {
        VideoEvent failed = failedOnce(backend.upload(dir.resolve("noise.mp4"),
                new ExtractionOptions(30, ImageFormat.PNG, null)));

        assertThat(failed.errorCode()).isEqualTo("OUTPUT_TOO_LARGE");
        assertThat(failed.errorMessage()).isEqualTo("The 90 frames would take about 10 MiB; at most 3 MiB are"
                + " allowed. Choose a lower rate, a smaller width or JPEG.");
        assertThat(recordedRuns()).as("only the probe ran").hasSize(1);
    }

    @Test
    void stopsAnExtractionWhoseFramesOutgrowTheOutputBudget() throws IOException {
        // JPEG frames of noise are several times the usual size: the estimate fits, the frames do not
        VideoEvent failed = failedOnce(backend.upload(dir.resolve("noise.mp4"),
                new ExtractionOptions(30, ImageFormat.JPG, null)));

        assertThat(failed.errorCode()).isEqualTo("OUTPUT_TOO_LARGE");
        assertThat(failed.errorMessage()).startsWith("The frames took more than the budget; at most 3 MiB");
        assertThat(recordedRuns()).hasSize(2);
        assertNoJobLeftOnDisk();
    }

    @Test
    void runsEveryProcessWithinTheMemoryLimitAndDecodesEachPacketOnce() throws IOException {
        // keyframes every 5 pictures for 4 s, none in the 12 s after: one frame per second
        ProcessVideo job = backend.upload(dir.resolve("early-keyframes.mp4"), ExtractionOptions.DEFAULT);

        backend.send(job);

        VideoEvent completed = last(backend.awaitTerminal(job.videoId()));
        assertThat(completed.type()).isEqualTo(VideoEventType.COMPLETED);
        assertThat(completed.frameCount()).isEqualTo(16);
        List<String> recorded = recordedRuns();
        assertThat(recorded).as("the probe, then one decoder process for all frames").hasSize(2)
                .allSatisfy(run -> assertThat(run).startsWith(MEMORY_LIMIT + " "));
        assertThat(recorded.get(1)).contains("dev.framesmith.decoder.DecoderMain");
        assertNoJobLeftOnDisk();
    }

    /** Sends the job, waits for its FAILED event and checks it came once and the message is gone. */
    private VideoEvent failedOnce(ProcessVideo job) {
        backend.send(job);
        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.messagesOn(backend.processingQueue()) == 0);
        backend.drainEvents();
        assertThat(backend.events(job.videoId())).extracting(received -> received.event().type())
                .containsExactly(VideoEventType.STARTED, VideoEventType.FAILED);
        assertThat(backend.frameObjects(job)).isEmpty();
        return last(events);
    }

    private static List<String> recordedRuns() throws IOException {
        return Files.readAllLines(runs).stream().filter(line -> !line.isBlank()).toList();
    }

    /** The job's directory is removed once the job ends, which is just after its last event. */
    private static void assertNoJobLeftOnDisk() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Stream<Path> files = Files.walk(workDir)) {
                assertThat(files.filter(path -> path.getFileName().toString().startsWith("job-"))).isEmpty();
            }
        });
    }

    private static VideoEvent last(List<ReceivedEvent> events) {
        return events.get(events.size() - 1).event();
    }
}
