package dev.framesmith.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Stand-in FFmpeg executables for tests of long and failing jobs. */
public final class TestFfmpegs {

    private TestFfmpegs() {
    }

    /**
     * The real FFmpeg reading its input at the video's own pace ({@code -re}): a job takes as long as
     * its video plays, at almost no CPU cost.
     */
    public static Path realTime(Path dir) {
        String real = TestVideos.ffmpeg().binary().executable().toString();
        return script(dir.resolve("ffmpeg-realtime"), "exec '" + real + "' -re \"$@\"");
    }

    /** Makes a Spring test's worker run {@link #realTime} FFmpeg, written into {@code dir}. */
    public static void useRealTime(DynamicPropertyRegistry registry, Path dir) {
        Path ffmpeg = realTime(dir);
        registry.add("framesmith.worker.ffmpeg-path", ffmpeg::toString);
    }

    /**
     * Runs {@code executable} after appending a line to {@code log}: the address-space limit it runs under
     * ({@code Max address space} of {@code /proc/self/limits}, soft limit) and its arguments.
     */
    public static Path recording(Path dir, String name, Path executable, Path log) {
        return script(dir.resolve(name), "limit=$(awk '/^Max address space/ {print $4}' /proc/self/limits)\n"
                + "echo \"$limit $*\" >> '" + log + "'\n"
                + "exec '" + executable + "' \"$@\"");
    }

    /** The real FFmpeg, recording each run as {@link #recording} does. */
    public static Path recordingFfmpeg(Path dir, Path log) {
        return recording(dir, "ffmpeg-recording", TestVideos.ffmpeg().binary().executable(), log);
    }

    /** An FFmpeg that always dies of a segmentation fault. */
    public static Path crashing(Path dir) {
        return script(dir.resolve("ffmpeg-crashing"), "kill -SEGV $$");
    }

    private static Path script(Path file, String body) {
        try {
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
