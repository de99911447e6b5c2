package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.util.List;

/**
 * Whether an extracting run (FFmpeg or the frame decoder) failed because of the video (no retry) or because of the
 * machine (retry).
 */
final class FfmpegVerdict {

    private static final List<String> ENVIRONMENT_ERRORS = List.of("No space left on device", "Permission denied",
            "Too many open files");
    /**
     * Allocation failures: within the address-space limit every child runs under, these mean the video needs more
     * memory than a job may use. FFmpeg reports running out in many ways, depending on what it was allocating: a
     * picture buffer, a decoding or encoding thread (its stack), a codec's tables.
     */
    private static final List<String> MEMORY = List.of("Cannot allocate memory", "Could not allocate",
            "Failed to allocate", "insufficient memory", "OutOfMemoryError", "exceeds specified max pixel count",
            "max_pixels", "get_buffer() failed", "ff_frame_thread_encoder_init failed",
            "Resource temporarily unavailable");
    /** Reported by demuxers when the data stops early; FFmpeg still exits with 0 for some containers. */
    private static final List<String> TRUNCATION = List.of("File ended prematurely", "partial file", "Packet corrupt",
            "corrupt input packet", "Truncating packet");
    /** Decoder complaints: signs of damage when reading from the start. */
    private static final List<String> DECODING = List.of("Invalid NAL unit size", "error while decoding");

    private FfmpegVerdict() {
    }

    /** For runs that read the whole video with {@link FrameOutput#strictInput()}. */
    static void check(FfmpegRun run) {
        if (run.crashed()) {
            throw new FfmpegFailedException("FFmpeg crashed", run);
        }
        checkOutput(run);
        if (!run.succeeded() || DECODING.stream().anyMatch(run::stderrContains)) {
            throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO);
        }
    }

    /**
     * The checks that hold for every run whatever its exit code: the machine's own failures, allocation failures
     * within the memory limit, and truncation, which some demuxers only log.
     */
    static void checkOutput(FfmpegRun run) {
        if (ENVIRONMENT_ERRORS.stream().anyMatch(run::stderrContains)) {
            throw new FfmpegFailedException("could not write the output", run);
        }
        if (!run.succeeded() && MEMORY.stream().anyMatch(run::stderrContains)) {
            throw tooDemanding();
        }
        if (TRUNCATION.stream().anyMatch(run::stderrContains)) {
            throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO);
        }
    }

    static VideoRejectedException tooDemanding() {
        return new VideoRejectedException(FailureCode.TOO_DEMANDING,
                "Decoding this video needs more memory than a job may use.");
    }
}
