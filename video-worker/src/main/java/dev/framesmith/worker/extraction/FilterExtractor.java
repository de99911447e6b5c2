package dev.framesmith.worker.extraction;

import dev.framesmith.decoder.DecoderProtocol;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the whole stream once and keeps, for each sampling time t, the last picture whose
 * timestamp is at most t ({@code fps} filter with {@code round=up}; the default rounding would
 * take the picture nearest to t + half an interval). Times count from the start of the file, as a
 * player shows them; a picture stream that starts late gives its first picture for the times before it.
 */
final class FilterExtractor {

    private static final String OUT_TIME = "out_time_us=";

    private final Ffmpeg ffmpeg;
    private final ExtractionSettings.Budget budget;
    private final int maxFrames;

    FilterExtractor(Ffmpeg ffmpeg, ExtractionSettings settings) {
        this.ffmpeg = ffmpeg;
        this.budget = settings.budget();
        this.maxFrames = settings.maxFrames();
    }

    /** Writes the frames into {@code dir}; the caller checks the run (it may have been stopped on purpose). */
    FfmpegRun extract(Path source, AdmittedVideo video, Rate rate, Path dir, ProgressListener progress,
            Duration timeout, Cancellation cancellation) {
        List<String> args = new ArrayList<>(FrameOutput.strictInput());
        args.addAll(FrameOutput.decoderLimits(budget));
        args.addAll(List.of("-i", source.toString(), "-map", "0:" + video.streamIndex(),
                "-vf", "fps=fps=" + rate.ffmpeg() + ":round=up:start_time=0," + FrameOutput.scaleFilter(video.output()),
                "-frames:v", Integer.toString(maxFrames)));
        args.addAll(FrameOutput.encoding(video.output(), budget.threads()));
        args.addAll(List.of("-progress", "pipe:1", "-nostats",
                dir.resolve(DecoderProtocol.frameNamePattern(video.output().format().extension())).toString()));
        return ffmpeg.run(args, timeout, cancellation, line -> onProgressLine(line, video.durationSeconds(), progress));
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
}
