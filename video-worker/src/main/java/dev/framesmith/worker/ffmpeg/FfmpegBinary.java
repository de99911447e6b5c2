package dev.framesmith.worker.ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * The FFmpeg executable: a configured system binary, or the static build bundled with jave
 * (unpacked by jave into the temporary directory on first use).
 */
public record FfmpegBinary(Path executable) {

    public static FfmpegBinary locate(Path configured) {
        if (configured != null) {
            if (!Files.isExecutable(configured)) {
                throw new IllegalStateException("framesmith.worker.ffmpeg-path is not an executable file: " + configured);
            }
            return new FfmpegBinary(configured);
        }
        return new FfmpegBinary(Path.of(new DefaultFFMPEGLocator().getExecutablePath()));
    }

    public boolean available() {
        return Files.isExecutable(executable);
    }
}
