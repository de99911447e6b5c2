package dev.framesmith.worker.ffmpeg;

import java.util.List;

/**
 * How an FFmpeg run ended.
 *
 * @param exitCode    the process exit status; 128 + n when killed by signal n
 * @param stderrLines what FFmpeg wrote to its standard error: its first lines and its last ones
 */
public record FfmpegRun(int exitCode, List<String> stderrLines) {

    public FfmpegRun {
        stderrLines = List.copyOf(stderrLines);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** FFmpeg itself died (signal, out of memory) rather than rejecting its input. */
    public boolean crashed() {
        return exitCode >= 128 || exitCode < 0;
    }

    public String stderr() {
        return String.join("\n", stderrLines);
    }

    public boolean stderrContains(String text) {
        return stderrLines.stream().anyMatch(line -> line.contains(text));
    }
}
