package dev.framesmith.worker.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.config.WorkerPropertiesFixture;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import dev.framesmith.worker.ffmpeg.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The decoder as the container image runs it: libav* unpacked from the platform jars when the image is built (as the
 * Dockerfile does), so that nothing is unpacked at run time, where the root file system is read-only.
 */
class FrameDecoderTest {

    @TempDir
    Path dir;

    @Test
    void runsFromLibrariesUnpackedBeforehandAndUnpacksNothing() throws IOException {
        Path natives = Files.createDirectories(dir.resolve("natives"));
        String platform = DecoderClasspath.platform().orElseThrow();
        unpackClasses(natives, "org/bytedeco/ffmpeg/" + platform + "/libjniavcodec.so");
        unpackClasses(natives, "org/bytedeco/javacpp/" + platform + "/libjnijavacpp.so");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path clip = TestVideos.mp4(dir, "clip.mp4", 2);
        Path frames = Files.createDirectories(dir.resolve("frames"));
        FrameDecoder decoder = FrameDecoder.locate(null, WorkerPropertiesFixture.with(Map.of()).decoder().jvmOptions(),
                cache, natives, new ProcessRunner(ChildLimits.of(DataSize.ofGigabytes(1).toBytes()), code -> { }));
        List<String> output = new ArrayList<>();

        FfmpegRun run = decoder.run(List.of("input=" + clip, "stream=0", "rate=1/1", "max-samples=10",
                "output=" + frames, "format=jpg", "max-width=1920", "max-pixels=9437184", "threads=1"),
                Duration.ofMinutes(1), Cancellation.none(), output::add);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(output).last().asString().startsWith("done frames=2 ");
        try (Stream<Path> files = Files.list(frames)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("frame_00001.jpg", "frame_00002.jpg");
        }
        try (Stream<Path> cached = Files.walk(cache)) {
            assertThat(cached.filter(Files::isRegularFile)).as("unpacked at run time").isEmpty();
        }
    }

    /** Unpacks the {@code org/} tree of the jar that holds {@code resource}, as the image's build does. */
    private static void unpackClasses(Path target, String resource) throws IOException {
        URL url = FrameDecoderTest.class.getClassLoader().getResource(resource);
        assertThat(url).as(resource).isNotNull();
        Path jar = DecoderClasspath.location(url, resource, null);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().startsWith("org/") && !e.isDirectory())
                    .toList()) {
                Path file = target.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(target)).as(entry.getName()).isTrue();
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
        }
    }
}
