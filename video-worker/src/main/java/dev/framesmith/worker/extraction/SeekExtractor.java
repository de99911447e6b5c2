package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Takes each frame with its own short FFmpeg run that seeks to just before the sampling time t,
 * decodes from the keyframe before it and keeps the last picture whose timestamp is at most t
 * (the same picture the {@link FilterExtractor} keeps; the file's start time is added because the
 * timestamps are compared as stored). Only what lies between the keyframe and t
 * is decoded, which is far less than the whole video when frames are sparse.
 */
final class SeekExtractor {

    private static final double UNKNOWN_RATE_WINDOW = 0.25;
    private static final double MAX_WINDOW = 2.0;
    private static final double END_MARGIN = 0.000001;

    private final Ffmpeg ffmpeg;
    private final Duration timeout;

    SeekExtractor(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /** @param count how many sampling times fall before the picture stream ends */
    List<Path> extract(Path source, AdmittedVideo video, Rate rate, int count, ExtractionOptions options, Path dir,
            ProgressListener progress, Cancellation cancellation) {
        List<Path> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cancellation.check();
            Path out = dir.resolve(FrameOutput.fileName(i + 1, options.format()));
            if (!grab(source, video, rate.secondsAt(i), options, out, cancellation)) {
                break;
            }
            frames.add(out);
            progress.progress((i + 1.0) / count);
        }
        if (frames.isEmpty()) {
            throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO, "No picture in the video could be decoded.");
        }
        return frames;
    }

    /** Writes the picture shown at {@code seconds}; false when the picture stream has already ended there. */
    private boolean grab(Path source, AdmittedVideo video, double seconds, ExtractionOptions options, Path out,
            Cancellation cancellation) {
        String scale = FrameOutput.scaleFilter(options);
        if (seconds == 0) {
            run(List.of("-i", source.toString()), video, scale, options, out, cancellation);
            return written(out);
        }
        double window = video.sourceFps() == null ? UNKNOWN_RATE_WINDOW : Math.min(MAX_WINDOW, 2.0 / video.sourceFps());
        double from = Math.max(0, seconds - window);
        // Timestamps kept as they are in the file (-copyts), so that the cut is exact whatever the time base.
        String last = "select=lte(t\\," + time(seconds + video.startSeconds() + END_MARGIN) + "),reverse,";
        run(List.of("-ss", time(from), "-t", time(seconds - from + window), "-copyts", "-i", source.toString()), video,
                last + scale, options, out, cancellation);
        if (written(out)) {
            return true;
        }
        // No picture in the window (a gap in a variable-rate stream): take the next one after it.
        run(List.of("-ss", time(seconds), "-i", source.toString()), video, scale, options, out, cancellation);
        return written(out);
    }

    private void run(List<String> input, AdmittedVideo video, String filter, ExtractionOptions options, Path out,
            Cancellation cancellation) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-y"));
        args.addAll(input);
        args.addAll(List.of("-map", "0:" + video.streamIndex(), "-vf", filter, "-frames:v", "1"));
        args.addAll(FrameOutput.encoding(options));
        args.addAll(List.of("-f", "image2", "-update", "1", out.toString()));
        FfmpegVerdict.checkAfterSeek(ffmpeg.run(args, timeout, cancellation, null));
    }

    private static boolean written(Path out) {
        try {
            return Files.exists(out) && Files.size(out) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.6f", seconds);
    }
}
