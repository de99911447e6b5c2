package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;

/**
 * A 20-second 1080p H.264 video end to end: full-size frames, a ZIP large enough to be uploaded
 * in parts, and sparse frames, for which the partial decoder decodes only what they need, that equal the same
 * pictures taken at a dense rate.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-hd-processing",
        "framesmith.aws.queues.events=worker-hd-events",
        "framesmith.worker.poll-timeout=1s",
        "framesmith.worker.multipart-threshold=5MB",
        "framesmith.worker.part-size=5MB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FullHdTest {

    @TempDir
    static Path dir;

    static Path video;

    private final WorkerBackend backend = new WorkerBackend("worker-hd");

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void makeVideo() {
        video = dir.resolve("full-hd.mp4");
        FfmpegRun run = TestVideos.ffmpeg().run(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc=size=1920x1080:rate=25:duration=20", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "32",
                "-g", "25", "-pix_fmt", "yuv420p", video.toString()), Duration.ofMinutes(5), Cancellation.none(), null);
        assertThat(run.succeeded()).as(run.stderr()).isTrue();
    }

    @Test
    void extractsFullSizeFramesAndUploadsLargeZipsInParts() throws IOException {
        ProcessVideo oneFps = backend.upload(video, ExtractionOptions.DEFAULT);
        ProcessVideo tenFps = backend.upload(video, new ExtractionOptions(10, ImageFormat.JPG, null));

        backend.send(oneFps);
        backend.send(tenFps);

        VideoEvent small = completed(oneFps);
        assertThat(small.frameCount()).isEqualTo(20);
        assertThat(small.durationSeconds()).isBetween(19.9, 20.1);
        Map<String, byte[]> frames = entries(zip(oneFps));
        assertThat(frames).hasSize(20);
        frames.values().forEach(bytes -> assertSize(bytes, 1920, 1080));
        assertThat(parts(oneFps)).isZero();

        VideoEvent large = completed(tenFps);
        assertThat(large.frameCount()).isEqualTo(200);
        assertThat(large.zipBytes()).isGreaterThan(5L * 1024 * 1024);
        byte[] zip = zip(tenFps);
        assertThat(zip).hasSize(large.zipBytes().intValue());
        assertThat(entries(zip)).hasSize(200).containsKeys("frame_00001.jpg", "frame_00200.jpg");
        assertThat(parts(tenFps)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void takesSparseFramesByDecodingOnlyWhatTheyNeedWithTheSamePicturesAsDenseOnes() throws IOException {
        double partiallyDecoded = partiallyDecodedFrames();
        ProcessVideo everySecond = backend.upload(video, ExtractionOptions.DEFAULT);
        ProcessVideo everyFiveSeconds = backend.upload(video, new ExtractionOptions(0.2, ImageFormat.JPG, null));

        backend.send(everySecond);
        backend.send(everyFiveSeconds);

        assertThat(completed(everySecond).frameCount()).isEqualTo(20);
        assertThat(completed(everyFiveSeconds).frameCount()).isEqualTo(4);
        assertThat(partiallyDecodedFrames() - partiallyDecoded).isEqualTo(20 + 4);
        Map<String, byte[]> dense = entries(zip(everySecond));
        Map<String, byte[]> sparse = entries(zip(everyFiveSeconds));
        assertThat(sparse.get("frame_00001.jpg")).isEqualTo(dense.get("frame_00001.jpg"));
        assertThat(sparse.get("frame_00002.jpg")).isEqualTo(dense.get("frame_00006.jpg"));
        assertThat(sparse.get("frame_00003.jpg")).isEqualTo(dense.get("frame_00011.jpg"));
        assertThat(sparse.get("frame_00004.jpg")).isEqualTo(dense.get("frame_00016.jpg"));
    }

    private double partiallyDecodedFrames() {
        return meters.counter("framesmith.worker.frames", "method", "partial_decode").count();
    }

    private VideoEvent completed(ProcessVideo job) {
        List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
        VideoEvent last = events.get(events.size() - 1).event();
        assertThat(last.type()).as("%s", last).isEqualTo(VideoEventType.COMPLETED);
        return last;
    }

    private byte[] zip(ProcessVideo job) {
        return backend.s3().getObjectAsBytes(request -> request.bucket(WorkerBackend.BUCKET).key(job.framesKey()))
                .asByteArray();
    }

    /** Parts the object was uploaded in; 0 for a single upload. */
    private int parts(ProcessVideo job) {
        var attributes = backend.s3().getObjectAttributes(request -> request.bucket(WorkerBackend.BUCKET)
                .key(job.framesKey()).objectAttributes(ObjectAttributes.E_TAG));
        String etag = attributes.eTag().replace("\"", "");
        int dash = etag.lastIndexOf('-');
        return dash < 0 ? 0 : Integer.parseInt(etag.substring(dash + 1));
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static void assertSize(byte[] picture, int width, int height) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture));
            assertThat(image.getWidth()).isEqualTo(width);
            assertThat(image.getHeight()).isEqualTo(height);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
