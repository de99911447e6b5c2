package dev.framesmith.worker.ffmpeg;

import java.time.Duration;

/** FFmpeg ran longer than its deadline and was killed. Worth another try on a less busy worker. */
public class FfmpegTimeoutException extends RuntimeException {

    public FfmpegTimeoutException(Duration timeout) {
        super("FFmpeg did not finish within " + timeout + " and was killed");
    }
}
