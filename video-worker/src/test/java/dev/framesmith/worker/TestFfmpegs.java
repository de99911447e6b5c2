package dev.framesmith.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
