package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decodes the whole stream once and keeps, for each sampling time t, the last picture whose
 * timestamp is at most t ({@code fps} filter with {@code round=up}; the default rounding would
 * take the picture nearest to t + half an interval). Times count from the start of the file, as a
 * player shows them; a picture stream that starts late gives its first picture for the times before it.
 */
final class FilterExtractor {

    private static final String OUT_TIME = "out_time_us=";

    private final Ffmpeg ffmpeg;
    private final Duration timeout;

    FilterExtractor(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    List<Path> extract(Path source, AdmittedVideo video, Rate rate, ExtractionOptions options, Path dir,
            ProgressListener progress, Cancellation cancellation) {
        List<String> args = new ArrayList<>(FrameOutput.strictInput());
        args.addAll(List.of("-i", source.toString(), "-map", "0:" + video.streamIndex(),
                "-vf", "fps=fps=" + rate.ffmpeg() + ":round=up:start_time=0," + FrameOutput.scaleFilter(options)));
        args.addAll(FrameOutput.encoding(options));
        args.addAll(List.of("-progress", "pipe:1", "-nostats",
                dir.resolve(FrameOutput.fileNamePattern(options.format())).toString()));
        FfmpegRun run = ffmpeg.run(args, timeout, cancellation,
                line -> onProgressLine(line, video.durationSeconds(), progress));
        FfmpegVerdict.check(run);
        List<Path> frames = list(dir);
        if (frames.isEmpty()) {
            throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO,
                    "No picture in the video could be decoded.");
        }
        return frames;
    }

    static void onProgressLine(String line, double durationSeconds, ProgressListener progress) {
        if (!line.startsWith(OUT_TIME)) {
            return;
        }
        try {
            long micros = Long.parseLong(line.substring(OUT_TIME.length()).trim());
            if (micros >= 0) {
                progress.progress(Math.min(1.0, micros / 1_000_000.0 / durationSeconds));
            }
        } catch (NumberFormatException e) {
            // "N/A" before the first frame is written
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(FrameOutput::isFrame).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
