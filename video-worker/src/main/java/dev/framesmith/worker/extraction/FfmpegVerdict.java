package dev.framesmith.worker.extraction;

import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.util.List;

/** Whether an extracting FFmpeg run failed because of the video (no retry) or because of the machine (retry). */
final class FfmpegVerdict {

    private static final List<String> ENVIRONMENT_ERRORS = List.of("No space left on device",
            "Cannot allocate memory", "Permission denied", "Too many open files");
    /** Reported by demuxers when the data stops early; FFmpeg still exits with 0 for some containers. */
    private static final List<String> TRUNCATION = List.of("File ended prematurely", "partial file", "Packet corrupt",
            "corrupt input packet", "Truncating packet");
    /** Decoder complaints: signs of damage when reading from the start, but normal right after a seek. */
    private static final List<String> DECODING = List.of("Invalid NAL unit size", "error while decoding");

    private FfmpegVerdict() {
    }

    /** For runs that read the whole video with {@link FrameOutput#strictInput()}. */
    static void check(FfmpegRun run) {
        check(run, true);
    }

    /** For runs that start at a seek point, where the decoder may complain about pictures before the keyframe. */
    static void checkAfterSeek(FfmpegRun run) {
        check(run, false);
    }

    private static void check(FfmpegRun run, boolean strict) {
        if (run.crashed()) {
            throw new FfmpegFailedException("FFmpeg crashed", run);
        }
        if (ENVIRONMENT_ERRORS.stream().anyMatch(run::stderrContains)) {
            throw new FfmpegFailedException("FFmpeg could not write its output", run);
        }
        if (!run.succeeded() || TRUNCATION.stream().anyMatch(run::stderrContains)
                || (strict && DECODING.stream().anyMatch(run::stderrContains))) {
            throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO);
        }
    }
}
