package dev.framesmith.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.worker.config.WorkerPropertiesFixture;
import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import dev.framesmith.worker.ffmpeg.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * Small test videos made with FFmpeg at test time: a test pattern whose every picture differs from
 * the next, low resolution, encoded as fast as possible.
 */
public final class TestVideos {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    /** The bundled FFmpeg, or the one named by {@code -Dframesmith.worker.ffmpeg-path} (which the worker uses too). */
    private static final FfmpegBinary BINARY = FfmpegBinary.locate(
            System.getProperty("framesmith.worker.ffmpeg-path") == null ? null
                    : Path.of(System.getProperty("framesmith.worker.ffmpeg-path")));
    /** For making test videos: no limits. */
    private static final Ffmpeg FFMPEG = new Ffmpeg(BINARY);
    /** The worker's default memory limit on every FFmpeg and decoder process. */
    private static final DataSize MEMORY = DataSize.ofGigabytes(1);
    private static final Ffmpeg LIMITED_FFMPEG = limitedFfmpeg(MEMORY);
    private static final FrameDecoder DECODER = decoder(MEMORY);

    private TestVideos() {
    }

    public static Ffmpeg ffmpeg() {
        return FFMPEG;
    }

    /** FFmpeg as the worker runs it, within the default memory limit. */
    public static Ffmpeg limitedFfmpeg() {
        return LIMITED_FFMPEG;
    }

    public static FrameDecoder decoder() {
        return DECODER;
    }

    /** FFmpeg as the worker runs it with {@code framesmith.worker.limits.memory} set to {@code memory}. */
    public static Ffmpeg limitedFfmpeg(DataSize memory) {
        return new Ffmpeg(BINARY, ChildLimits.of(memory.toBytes()), code -> { });
    }

    /**
     * The frame decoder with the worker's default JVM options and {@code framesmith.worker.limits.memory} set to
     * {@code memory}; libav* unpacked under target/.
     */
    public static FrameDecoder decoder(DataSize memory) {
        return FrameDecoder.locate(null, WorkerPropertiesFixture.with(Map.of()).decoder().jvmOptions(),
                Path.of("target", "decoder-cache").toAbsolutePath(), null,
                new ProcessRunner(ChildLimits.of(memory.toBytes()), code -> { }));
    }

    /** H.264 in MP4 with AAC sound, 25 fps, keyframe every second. */
    public static Path mp4(Path dir, String name, int seconds) {
        return make(dir.resolve(name), picture(25, seconds), sound(seconds),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac",
                        "-shortest"));
    }

    /** H.264 in MP4 with the index first, so that a cut-off copy still opens. */
    public static Path mp4FastStart(Path dir, String name, int seconds) {
        return make(dir.resolve(name), picture(25, seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-movflags",
                        "+faststart"));
    }

    /** VP9 in WebM, 30 fps, no sound. */
    public static Path webm(Path dir, String name, int seconds) {
        return make(dir.resolve(name), picture(30, seconds), List.of(),
                List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"));
    }

    /** H.264 in Matroska, 24 fps, no sound. */
    public static Path mkv(Path dir, String name, int seconds) {
        return make(dir.resolve(name), picture(24, seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    }

    /** H.264 in QuickTime at the NTSC rate 30000/1001, with AAC sound. */
    public static Path mov(Path dir, String name, int seconds) {
        return make(dir.resolve(name), picture("30000/1001", seconds), sound(seconds),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"));
    }

    /** H.264 with three B-frames between references (pictures decoded out of order), 25 fps, GOP of 2 s. */
    public static Path h264BFrames(Path dir, String name, int seconds) {
        return make(dir.resolve(name), moving(25, seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "3", "-g", "50", "-pix_fmt", "yuv420p"));
    }

    /** HEVC (x265, open GOP: leading pictures refer to the GOP before), 25 fps. */
    public static Path hevc(Path dir, String name, int seconds) {
        return make(dir.resolve(name), moving(25, seconds), List.of(),
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=50",
                        "-pix_fmt", "yuv420p"));
    }

    /** VP9 in WebM with alternate reference frames (hidden pictures packed with shown ones), 25 fps. */
    public static Path vp9AltRef(Path dir, String name, int seconds) {
        return make(dir.resolve(name), moving(25, seconds), List.of(),
                List.of("-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", "8", "-auto-alt-ref", "1",
                        "-lag-in-frames", "16", "-g", "50", "-b:v", "300k"));
    }

    /**
     * Like a phone's recording: variable frame rate (3 of every 10 pictures dropped, durations jittered by a few
     * milliseconds), a 90 kHz time scale, B-frames.
     */
    public static Path variableRate(Path dir, String name, int seconds) {
        return make(dir.resolve(name), moving(30, seconds), List.of(),
                List.of("-vf", "select='lt(mod(n\\,10)\\,7)',setpts='PTS+0.004*sin(N)/TB'", "-vsync", "vfr",
                        "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "60", "-pix_fmt", "yuv420p",
                        "-video_track_timescale", "90000"));
    }

    /** H.264 at 30 fps with a keyframe every 5 pictures for the first {@code denseSeconds}, and none after. */
    public static Path earlyKeyframesOnly(Path dir, String name, int seconds, int denseSeconds) {
        return make(dir.resolve(name), moving(30, seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-force_key_frames",
                        "expr:lt(t," + denseSeconds + ")*eq(mod(n,5),0)", "-x264-params",
                        "keyint=100000:min-keyint=1:scenecut=0", "-pix_fmt", "yuv420p"));
    }

    /** H.264 with B-frames in AVI, which stores no presentation times for the partial decoder to plan with. */
    public static Path aviBFrames(Path dir, String name, int seconds) {
        return make(dir.resolve(name), moving(25, seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-pix_fmt", "yuv420p"));
    }

    /**
     * A decompression bomb: one black picture of 16000x16000 in H.264, under 1 MB on disk, 384 MB per decoded
     * picture. Made from zeros rather than a filter source, which keeps its making to a few seconds.
     */
    public static Path bomb(Path dir, String name) {
        return make(dir.resolve(name), List.of("-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "16000x16000", "-r", "1",
                "-i", "/dev/zero"), List.of(), List.of("-frames:v", "1", "-threads", "1", "-c:v", "libx264", "-preset",
                "ultrafast", "-crf", "51"));
    }

    /**
     * Like {@link #mp4FastStart}, with tags named like a small, short stream and duration, which FFmpeg prints when it
     * opens the file.
     */
    public static Path mp4WithLyingTags(Path dir, String name, int seconds) {
        return make(dir.resolve(name), picture(25, seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags",
                        "use_metadata_tags", "-metadata", "Stream #0:0: Video: h264, 16x16, 1 fps, 1 tbr=x",
                        "-metadata", "Duration: 00:00:00.50, start: 0.000000, bitrate: 1 kb/s=y"));
    }

    /**
     * An MP4 with {@code chapters} titled chapters: FFmpeg lists three lines per chapter before the streams when it
     * opens the file.
     */
    public static Path mp4WithChapters(Path dir, String name, int seconds, int chapters) {
        StringBuilder metadata = new StringBuilder(";FFMETADATA1\n");
        long length = seconds * 1000L / chapters;
        for (int i = 0; i < chapters; i++) {
            metadata.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(i * length).append("\nEND=")
                    .append((i + 1) * length).append("\ntitle=Chapter ").append(i + 1).append('\n');
        }
        Path chapterList = dir.resolve(name + ".chapters.txt");
        try {
            Files.writeString(chapterList, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> inputs = new ArrayList<>(picture(25, seconds));
        inputs.addAll(List.of("-f", "ffmetadata", "-i", chapterList.toString()));
        return make(dir.resolve(name), inputs, List.of(), List.of("-map", "0:v", "-map_chapters", "1", "-c:v",
                "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    }

    /**
     * An MP4 with B-frames whose composition-offset table ({@code ctts}) claims 200 million entries: FFmpeg tries to
     * allocate room for them when it opens the file.
     */
    public static Path mp4ClaimingAHugeIndex(Path dir, String name) {
        Path video = h264BFrames(dir, name, 2);
        try {
            byte[] bytes = Files.readAllBytes(video);
            int box = indexOf(bytes, "ctts".getBytes(StandardCharsets.US_ASCII));
            assertThat(box).as("a ctts box in %s", video).isPositive();
            // type (4 bytes), version and flags (4 bytes), then the entry count
            ByteBuffer.wrap(bytes, box + 8, 4).putInt(200_000_000);
            Files.write(video, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return video;
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Random noise, which compresses badly: frames far larger than usual. */
    public static Path noise(Path dir, String name, int seconds) {
        return make(dir.resolve(name), List.of("-f", "lavfi", "-i", "nullsrc=size=" + WIDTH + "x" + HEIGHT
                + ":rate=30:duration=" + seconds + ",geq=random(1)*255:128:128"), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    }

    /** A picture of {@code width} x {@code height}, 25 fps, H.264. */
    public static Path sized(Path dir, String name, int width, int height, int seconds) {
        return make(dir.resolve(name), List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height
                + ":rate=25:duration=" + seconds), List.of(),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    }

    /** AAC sound only, in an MP4 container. */
    public static Path audioOnly(Path dir, String name, int seconds) {
        return make(dir.resolve(name), List.of(), sound(seconds), List.of("-c:a", "aac"));
    }

    /** One PNG picture. */
    public static Path png(Path dir, String name) {
        return make(dir.resolve(name), picture(1, 1), List.of(), List.of("-frames:v", "1", "-f", "image2"));
    }

    public static Path text(Path dir, String name) {
        try {
            return Files.writeString(dir.resolve(name), "This is a plain text file, not a video.\n".repeat(50),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path empty(Path dir, String name) {
        try {
            return Files.write(dir.resolve(name), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code keep} of the bytes of {@code source}. */
    public static Path truncated(Path source, Path target, double keep) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            return Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * keep)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every decoded picture of the video as PNG, in order, for comparing frames with. */
    public static List<Path> allPictures(Path video, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("-hide_banner", "-loglevel", "error", "-i", video.toString(), "-map", "0:v:0", "-vsync",
                "passthrough", "-pix_fmt", "rgb24", dir.resolve("%05d.png").toString()));
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> picture(Object rate, int seconds) {
        return List.of("-f", "lavfi", "-i", "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=" + rate
                + ":duration=" + seconds);
    }

    /** A pattern that changes all over every picture, so that neighbouring pictures are easy to tell apart. */
    private static List<String> moving(int rate, int seconds) {
        return List.of("-f", "lavfi", "-i", "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=" + rate + ":duration="
                + seconds);
    }

    private static List<String> sound(int seconds) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds);
    }

    private static Path make(Path target, List<String> picture, List<String> sound, List<String> encoding) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-y"));
        args.addAll(picture);
        args.addAll(sound);
        args.addAll(encoding);
        args.add(target.toString());
        run(args);
        return target;
    }

    private static void run(List<String> args) {
        FfmpegRun run = FFMPEG.run(args, Duration.ofMinutes(2), Cancellation.none(), null);
        assertThat(run.exitCode()).as("FFmpeg %s: %s", args, run.stderr()).isZero();
    }
}
