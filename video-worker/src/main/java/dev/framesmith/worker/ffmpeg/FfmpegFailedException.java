package dev.framesmith.worker.ffmpeg;

/**
 * FFmpeg failed for a reason that is not the input's fault (killed by a signal, out of memory or
 * disk, missing binary). Worth another try.
 */
public class FfmpegFailedException extends RuntimeException {

    public FfmpegFailedException(String message, FfmpegRun run) {
        super(message + " (exit " + run.exitCode() + "): " + tail(run));
    }

    private static String tail(FfmpegRun run) {
        var lines = run.stderrLines();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
