package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.probe.ProbeReport;
import java.util.List;

/** Decides from the probe whether a file can be turned into frames, and says why not. */
final class Admission {

    /** Complaints that are about this machine, not about the file: worth another try. */
    private static final List<String> ENVIRONMENT_ERRORS = List.of("No such file or directory", "Permission denied",
            "No space left on device", "Too many open files");
    /**
     * Opening the file ran out of the address space every child runs in (an index claiming millions of entries):
     * the video needs more memory than a job may use.
     */
    private static final String OUT_OF_MEMORY = "Cannot allocate memory";

    private Admission() {
    }

    static AdmittedVideo admit(long fileSize, ProbeReport report, Rate rate, FrameSpec output,
            ExtractionSettings settings) {
        if (fileSize == 0) {
            throw new VideoRejectedException(FailureCode.EMPTY_FILE);
        }
        if (!report.opened()) {
            if (report.errors().stream().anyMatch(e -> ENVIRONMENT_ERRORS.stream().anyMatch(e::contains))) {
                throw new IllegalStateException("FFmpeg could not read the downloaded file: " + report.errors());
            }
            if (report.errors().stream().anyMatch(e -> e.contains(OUT_OF_MEMORY))) {
                throw FfmpegVerdict.tooDemanding();
            }
            if (report.sniffedFormat() != null) {
                throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO,
                        "The file looks like a " + report.sniffedFormat().toUpperCase(java.util.Locale.ROOT)
                                + " video but is damaged or truncated and cannot be opened.");
            }
            throw new VideoRejectedException(FailureCode.NOT_A_VIDEO);
        }
        if (report.isStillImage()) {
            throw new VideoRejectedException(FailureCode.NOT_A_VIDEO, "The file is a still picture, not a video.");
        }
        ProbeReport.VideoStream video = report.video();
        if (video == null) {
            throw new VideoRejectedException(FailureCode.NO_VIDEO_STREAM, report.hasAudio()
                    ? "The file has sound but no picture."
                    : FailureCode.NO_VIDEO_STREAM.message());
        }
        Double duration = report.durationSeconds();
        if (duration == null || duration <= 0) {
            throw new VideoRejectedException(FailureCode.ZERO_DURATION);
        }
        if (duration > settings.maxDuration().toMillis() / 1000.0) {
            throw new VideoRejectedException(FailureCode.TOO_LONG, "The video lasts " + minutes(duration)
                    + "; the maximum is " + minutes(settings.maxDuration().toSeconds()) + ".");
        }
        int frames = rate.framesIn(duration);
        if (frames > settings.maxFrames()) {
            throw new VideoRejectedException(FailureCode.TOO_MANY_FRAMES, "The requested rate gives " + frames
                    + " frames; at most " + settings.maxFrames() + " are allowed. Choose a lower rate.");
        }
        if (video.width() <= 0 || video.height() <= 0) {
            throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO,
                    "The size of the video's picture cannot be read: the file is damaged or incomplete.");
        }
        ExtractionSettings.Budget budget = settings.budget();
        long pixels = (long) video.width() * video.height();
        if (pixels > budget.maxFramePixels()) {
            throw new VideoRejectedException(FailureCode.RESOLUTION_TOO_HIGH, "The video's picture is "
                    + video.width() + "x" + video.height() + " (" + megapixels(pixels) + " megapixels); at most "
                    + megapixels(budget.maxFramePixels()) + " megapixels are allowed.");
        }
        if (video.framesPerSecond() != null && pixels * video.framesPerSecond() > budget.maxPixelRate()) {
            throw new VideoRejectedException(FailureCode.TOO_DEMANDING, "The video shows " + video.width() + "x"
                    + video.height() + " pictures at " + Math.round(video.framesPerSecond())
                    + " per second, more than can be decoded within the allowed budget.");
        }
        long estimated = output.estimatedBytes(video.width(), video.height()) * frames;
        if (estimated > budget.maxOutputBytes()) {
            throw outputTooLarge("The " + frames + " frames would take about " + mebibytes(estimated), budget);
        }
        return new AdmittedVideo(video.index(), duration, report.startSeconds(), video.width(), video.height(),
                video.framesPerSecond(), frames, output, estimated);
    }

    static VideoRejectedException outputTooLarge(String what, ExtractionSettings.Budget budget) {
        return new VideoRejectedException(FailureCode.OUTPUT_TOO_LARGE, what + "; at most "
                + mebibytes(budget.maxOutputBytes()) + " are allowed. Choose a lower rate, a smaller width or JPEG.");
    }

    private static String megapixels(long pixels) {
        return String.format(java.util.Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }

    private static String mebibytes(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }

    private static String minutes(double seconds) {
        long total = Math.round(Math.ceil(seconds));
        return total >= 60 ? (total / 60) + " min " + (total % 60) + " s" : total + " s";
    }
}
