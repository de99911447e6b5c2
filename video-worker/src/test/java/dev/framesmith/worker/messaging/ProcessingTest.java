package dev.framesmith.worker.messaging;

import static dev.framesmith.worker.WorkerBackend.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/** The worker end to end: real SQS messages in, events and ZIPs out, through the emulated AWS services. */
@UseTestBackend
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "framesmith.aws.queues.processing=worker-flow-processing",
                "framesmith.aws.queues.events=worker-flow-events",
                "framesmith.worker.poll-timeout=1s",
                "framesmith.worker.progress-interval=0s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProcessingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @TempDir
    static Path videos;

    static Path mp4;

    private final WorkerBackend backend = new WorkerBackend("worker-flow");

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    HealthEndpointGroups groups;

    @BeforeAll
    static void makeVideos() {
        mp4 = TestVideos.mp4(videos, "h264.mp4", 5);
        TestVideos.text(videos, "text.mp4");
        TestVideos.audioOnly(videos, "audio.mp4", 2);
        TestVideos.empty(videos, "empty.mp4");
        TestVideos.truncated(TestVideos.mp4FastStart(videos, "faststart.mp4", 3), videos.resolve("truncated.mp4"), 0.7);
    }

    @Test
    void extractsUploadsAndReportsAJob() throws IOException {
        ProcessVideo job = backend.upload(mp4, ExtractionOptions.DEFAULT);

        backend.send(job, TRACEPARENT);

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        assertThat(types(events)).startsWith(VideoEventType.STARTED).endsWith(VideoEventType.COMPLETED);
        assertThat(events).allSatisfy(received -> {
            assertThat(received.attributes()).containsEntry(Headers.MESSAGE_TYPE, "VideoEvent");
            assertThat(received.attributes().get(Headers.TRACEPARENT)).as("the job's trace continues")
                    .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
            assertThat(received.event().userId()).isEqualTo(job.userId());
        });
        VideoEvent completed = events.get(events.size() - 1).event();
        assertThat(completed.frameCount()).isEqualTo(5);
        assertThat(completed.durationSeconds()).isBetween(4.9, 5.1);
        assertThat(completed.progressPercent()).isEqualTo(100);
        assertThat(completed.resolution()).as("the 320x240 source's class").isEqualTo("sd");

        ResponseBytes<GetObjectResponse> zip = backend.s3().getObjectAsBytes(request -> request
                .bucket(WorkerBackend.BUCKET).key(StorageKeys.frames(job.userId(), job.videoId())));
        assertThat(zip.response().contentLength()).isEqualTo(completed.zipBytes());
        assertThat(zip.response().contentType()).isEqualTo("application/zip");
        List<ZipEntry> entries = readZip(zip.asByteArray(), 320, 240);
        assertThat(entries).extracting(ZipEntry::getName).containsExactly("frame_00001.jpg", "frame_00002.jpg",
                "frame_00003.jpg", "frame_00004.jpg", "frame_00005.jpg");

        ResponseBytes<GetObjectResponse> preview = backend.s3().getObjectAsBytes(request -> request
                .bucket(WorkerBackend.BUCKET).key(StorageKeys.preview(job.userId(), job.videoId())));
        assertThat(preview.response().contentType()).isEqualTo("image/jpeg");
        assertThat(completed.previewBytes()).isEqualTo(preview.response().contentLength()).isBetween(1_000L, 60_000L);
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(preview.asByteArray()));
        assertThat(sheet.getWidth()).as("4 frames of 160 px and 3 gaps of 2 px").isEqualTo(646);
        assertThat(sheet.getHeight()).as("the fifth frame on a second row of 120 px").isEqualTo(242);
        assertThat(backend.frameObjects(job)).hasSize(2);
        awaitNothingLeftOn(backend.processingQueue());
    }

    @ParameterizedTest(name = "fps {0}, {1}, max width {2}")
    @CsvSource({"2, PNG, 160, 10, 160, 120", "0.5, JPG, , 3, 320, 240"})
    void honoursTheOptions(double fps, ImageFormat format, Integer maxWidth, int frames, int width, int height)
            throws IOException {
        ProcessVideo job = backend.upload(mp4, new ExtractionOptions(fps, format, maxWidth));

        backend.send(job);

        VideoEvent completed = last(backend.awaitTerminal(job.videoId()));
        assertThat(completed.type()).isEqualTo(VideoEventType.COMPLETED);
        assertThat(completed.frameCount()).isEqualTo(frames);
        byte[] zip = backend.s3().getObjectAsBytes(request -> request.bucket(WorkerBackend.BUCKET)
                .key(job.framesKey())).asByteArray();
        assertThat(readZip(zip, width, height)).hasSize(frames)
                .allSatisfy(entry -> assertThat(entry.getName()).endsWith("." + format.extension()));
    }

    @Test
    void reportsProgressBetweenStartAndCompletion() {
        ProcessVideo job = backend.upload(mp4, new ExtractionOptions(2, ImageFormat.JPG, null));

        backend.send(job);

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        List<Integer> progress = events.stream().map(ReceivedEvent::event)
                .filter(event -> event.type() == VideoEventType.PROGRESS)
                .map(VideoEvent::progressPercent).toList();
        assertThat(progress).isNotEmpty().isSorted().doesNotHaveDuplicates()
                .allSatisfy(percent -> assertThat(percent).isBetween(1, 99));
        assertThat(events).extracting(received -> received.attributes().get(Headers.TRACEPARENT))
                .as("one trace for the whole job, progress included")
                .doesNotContainNull()
                .extracting(traceparent -> traceparent.substring(3, 35)).containsOnly(
                        events.get(0).attributes().get(Headers.TRACEPARENT).substring(3, 35));
    }

    @Test
    void answersARedeliveredJobFromTheExistingZip() {
        ProcessVideo job = backend.upload(mp4, ExtractionOptions.DEFAULT);
        backend.send(job);
        VideoEvent first = last(backend.awaitTerminal(job.videoId()));
        HeadObjectResponse before = head(job);

        backend.send(job);

        List<ReceivedEvent> events = backend.awaitEvents(job.videoId(), all -> all.stream()
                .filter(e -> e.event().type() == VideoEventType.COMPLETED).count() == 2);
        VideoEvent second = last(events);
        assertThat(second.frameCount()).isEqualTo(first.frameCount());
        assertThat(second.zipBytes()).isEqualTo(first.zipBytes());
        assertThat(second.durationSeconds()).isEqualTo(first.durationSeconds());
        assertThat(second.previewBytes()).isNotNull().isEqualTo(first.previewBytes());
        assertThat(types(events)).containsOnlyOnce(VideoEventType.STARTED);
        HeadObjectResponse after = head(job);
        assertThat(after.eTag()).isEqualTo(before.eTag());
        assertThat(after.lastModified()).isEqualTo(before.lastModified());
        awaitNothingLeftOn(backend.processingQueue());
    }

    @Test
    void redoesAJobAskedForWithOtherOptions() {
        ProcessVideo job = backend.upload(mp4, ExtractionOptions.DEFAULT);
        backend.send(job);
        backend.awaitTerminal(job.videoId());

        ProcessVideo again = new ProcessVideo(UUID.randomUUID(), Instant.now(), 1, job.videoId(), job.userId(),
                job.bucket(), job.sourceKey(), job.framesKey(), new ExtractionOptions(2, ImageFormat.JPG, null),
                job.sourceEtag());
        backend.send(again);

        List<ReceivedEvent> events = backend.awaitEvents(job.videoId(), all -> all.stream()
                .filter(e -> e.event().type() == VideoEventType.COMPLETED).count() == 2);
        assertThat(last(events).frameCount()).isEqualTo(10);
        assertThat(types(events).stream().filter(VideoEventType.STARTED::equals)).hasSize(2);
        assertThat(backend.frameObjects(job)).hasSize(2);
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @CsvSource({"text.mp4, NOT_A_VIDEO", "audio.mp4, NO_VIDEO_STREAM", "truncated.mp4, CORRUPT_VIDEO",
            "empty.mp4, EMPTY_FILE"})
    void reportsVideosThatCannotBeProcessed(String file, String code) {
        ProcessVideo job = backend.upload(videos.resolve(file), ExtractionOptions.DEFAULT);

        backend.send(job);

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        assertThat(types(events)).startsWith(VideoEventType.STARTED).endsWith(VideoEventType.FAILED)
                .doesNotContain(VideoEventType.COMPLETED);
        VideoEvent failed = last(events);
        assertThat(failed.errorCode()).isEqualTo(code);
        assertThat(failed.errorMessage()).isNotBlank();
        // The job's claim is given back just after FAILED is reported; nothing else is ever written.
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.frameObjects(job).isEmpty());
        awaitNothingLeftOn(backend.processingQueue());
    }

    @Test
    void reportsAMissingSource() {
        ProcessVideo job = ProcessVideo.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                WorkerBackend.BUCKET, ExtractionOptions.DEFAULT, null);

        backend.send(job);

        VideoEvent failed = last(backend.awaitTerminal(job.videoId()));
        assertThat(failed.type()).isEqualTo(VideoEventType.FAILED);
        assertThat(failed.errorCode()).isEqualTo("SOURCE_MISSING");
        awaitNothingLeftOn(backend.processingQueue());
    }

    @Test
    void refusesASourceReplacedAfterItWasChecked() {
        ProcessVideo job = backend.upload(mp4, ExtractionOptions.DEFAULT);
        backend.s3().putObject(request -> request.bucket(job.bucket()).key(job.sourceKey()),
                RequestBody.fromFile(videos.resolve("text.mp4")));

        backend.send(job);

        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        VideoEvent failed = last(events);
        assertThat(failed.type()).isEqualTo(VideoEventType.FAILED);
        assertThat(failed.errorCode()).isEqualTo("SOURCE_CHANGED");
        assertThat(failed.errorMessage()).isNotBlank();
        assertThat(types(events)).doesNotContain(VideoEventType.COMPLETED);
        assertThat(backend.frameObjects(job)).isEmpty();
        awaitNothingLeftOn(backend.processingQueue());
    }

    @Test
    void movesUnreadableMessagesToTheDeadLetterQueueAtOnce() {
        String userId = UUID.randomUUID().toString();
        String videoId = UUID.randomUUID().toString();
        ProcessVideo foreignBucket = new ProcessVideo(UUID.randomUUID(), Instant.now(), 1, videoId, userId,
                "someone-elses-bucket", StorageKeys.source(userId, videoId), StorageKeys.frames(userId, videoId),
                ExtractionOptions.DEFAULT, null);
        ProcessVideo otherKey = new ProcessVideo(UUID.randomUUID(), Instant.now(), 1, videoId, userId,
                WorkerBackend.BUCKET, "raw/../../etc/passwd", StorageKeys.frames(userId, videoId),
                ExtractionOptions.DEFAULT, null);
        List<String> bodies = List.of("this is not JSON", "{\"videoId\":\"only\"}", MessageCodec.encode(foreignBucket),
                MessageCodec.encode(otherKey));

        bodies.forEach(body -> backend.send(body, Map.of()));

        List<Message> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dead.addAll(backend.receive(backend.deadLetterQueue(), 1));
            return dead.size() >= bodies.size();
        });
        assertThat(dead).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(dead).allSatisfy(message -> assertThat(message.messageAttributes())
                .containsKey("framesmith-dead-letter-reason"));
        awaitNothingLeftOn(backend.processingQueue());
        backend.drainEvents();
        assertThat(backend.events(videoId)).isEmpty();
    }

    @Test
    void exposesHealthAndMetrics() throws Exception {
        ProcessVideo job = backend.upload(mp4, ExtractionOptions.DEFAULT);
        backend.send(job);
        backend.awaitTerminal(job.videoId());

        assertThat(management("/actuator/health/liveness")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"UP\"");
        });
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> dependencies = management("/actuator/health/dependencies");
        assertThat(dependencies.statusCode()).isEqualTo(200);
        assertThat(dependencies.body()).contains("\"sqs\"", "\"s3\"");
        // AWS checks alert (framesmith_dependencies_up); an outage must not mark every worker unready.
        assertThat(groups.get("readiness").isMember("sqs")).isFalse();
        assertThat(groups.get("readiness").isMember("s3")).isFalse();
        assertThat(groups.get("readiness").isMember("ffmpeg")).isTrue();
        HttpResponse<String> metrics = management("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("framesmith_worker_jobs_total\\{[^}]*outcome=\"completed\"[^}]*} [1-9]")
                .containsPattern("framesmith_worker_processing_seconds_bucket\\{[^}]*outcome=\"completed\"")
                .containsPattern("framesmith_worker_frames_total\\{[^}]*} [1-9]")
                .containsPattern("framesmith_worker_ffmpeg_exit_total\\{[^}]*code=\"0\"[^}]*} [1-9]");
        assertThat(get("/anything-else").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus").statusCode()).isIn(403, 404);
    }

    private HttpResponse<String> management(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HeadObjectResponse head(ProcessVideo job) {
        return backend.s3().headObject(request -> request.bucket(WorkerBackend.BUCKET).key(job.framesKey()));
    }

    private void awaitNothingLeftOn(String queue) {
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.messagesOn(queue) == 0);
    }

    private static VideoEvent last(List<ReceivedEvent> events) {
        return events.get(events.size() - 1).event();
    }

    /** Entries in order; each STORED and decoding to a picture of the given size. */
    static List<ZipEntry> readZip(byte[] zip, int width, int height) throws IOException {
        List<ZipEntry> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entry.getMethod()).as("%s stored", entry.getName()).isEqualTo(ZipEntry.STORED);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
                assertThat(image).as("%s decodes", entry.getName()).isNotNull();
                assertThat(image.getWidth()).isEqualTo(width);
                assertThat(image.getHeight()).isEqualTo(height);
                entries.add(entry);
            }
        }
        return entries;
    }
}
