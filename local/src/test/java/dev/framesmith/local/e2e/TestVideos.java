package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/** Small real videos made at test time with the FFmpeg binary that jave ships: 320x240, a few seconds each. */
final class TestVideos {

    private final Path dir;
    private final String ffmpeg = new DefaultFFMPEGLocator().getExecutablePath();

    TestVideos(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H.264 in MP4. */
    Path mp4(String name, int seconds) {
        return encode(name + ".mp4", "testsrc=size=320x240:rate=10", seconds,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"));
    }

    /** H.264 in MP4 at a size and frame rate, for jobs that take a while. */
    Path mp4(String name, int seconds, String size, int rate) {
        return encode(name + ".mp4", "testsrc=size=" + size + ":rate=" + rate, seconds,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"));
    }

    /** VP9 in WebM. */
    Path webm(String name, int seconds) {
        return encode(name + ".webm", "testsrc2=size=320x240:rate=10", seconds,
                List.of("-c:v", "libvpx-vp9", "-b:v", "200k", "-deadline", "realtime", "-cpu-used", "8"));
    }

    /** H.264 in an MPEG transport stream, as cameras and broadcast recorders write. */
    Path ts(String name, int seconds) {
        return encode(name + ".ts", "testsrc=size=320x240:rate=10", seconds,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mpegts"));
    }

    /** MPEG-4 part 2 in Matroska. */
    Path mkv(String name, int seconds) {
        return encode(name + ".mkv", "smptebars=size=320x240:rate=10", seconds, List.of("-c:v", "mpeg4", "-q:v", "5"));
    }

    /**
     * A file that starts like an MP4 (a real {@code ftyp} box, so it passes a check of its leading bytes) and
     * continues with noise, so that no frame can be read from it.
     */
    Path corruptMp4(String name) {
        Path source = mp4(name + "-source", 1);
        try {
            byte[] real = Files.readAllBytes(source);
            int ftypSize = ((real[0] & 0xFF) << 24) | ((real[1] & 0xFF) << 16) | ((real[2] & 0xFF) << 8) | (real[3] & 0xFF);
            assertThat(new String(real, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            byte[] corrupt = new byte[64 * 1024];
            new Random(42).nextBytes(corrupt);
            System.arraycopy(real, 0, corrupt, 0, ftypSize);
            Path file = dir.resolve(name + ".mp4");
            Files.write(file, corrupt);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decompression bomb: one black picture of 16000x16000 in H.264, under 1 MB on disk and hundreds of MB once
     * decoded. Made from zeros rather than a filter source, which keeps its making to a few seconds.
     */
    Path bomb(String name) {
        return make(name + ".mp4", List.of("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "16000x16000", "-r", "1",
                "-i", "/dev/zero", "-frames:v", "1", "-threads", "1", "-c:v", "libx264", "-preset", "ultrafast",
                "-crf", "51"));
    }

    private Path encode(String filename, String source, int seconds, List<String> codec) {
        List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", source, "-t", Integer.toString(seconds)));
        arguments.addAll(codec);
        return make(filename, arguments);
    }

    private Path make(String filename, List<String> arguments) {
        Path out = dir.resolve(filename);
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        command.addAll(arguments);
        command.add(out.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(filename + ".ffmpeg.log").toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ffmpeg finished making %s", filename).isTrue();
            assertThat(process.exitValue()).as("ffmpeg exit code for %s", filename).isZero();
            assertThat(Files.size(out)).isPositive();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
