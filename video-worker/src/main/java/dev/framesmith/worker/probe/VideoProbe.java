package dev.framesmith.worker.probe;

import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Looks at a file with {@code ffmpeg -i} (the bundled FFmpeg has no ffprobe): container, duration,
 * streams; and, by listing packets without decoding them, how far apart the keyframes are.
 */
public class VideoProbe {

    private static final Duration TAIL = Duration.ofSeconds(3);

    private final Ffmpeg ffmpeg;
    private final Duration timeout;

    public VideoProbe(Ffmpeg ffmpeg, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    public ProbeReport probe(Path file, Cancellation cancellation) {
        FfmpegRun run = ffmpeg.run(List.of("-hide_banner", "-i", file.toString()), timeout, cancellation, null);
        if (run.crashed()) {
            throw new FfmpegFailedException("FFmpeg crashed while probing", run);
        }
        return ProbeOutputParser.parse(run.stderrLines()).withSniffedFormat(ContainerSniffer.sniff(file));
    }

    /**
     * The longest keyframe distance in the first {@code window} of the stream, or empty when fewer
     * than two keyframes appear there (then seeking would decode as much as reading straight through).
     */
    public OptionalDouble keyframeInterval(Path file, int streamIndex, Duration window, Cancellation cancellation) {
        PacketScanParser scan = scan(List.of("-t", seconds(window)), file, streamIndex, cancellation);
        return scan == null ? OptionalDouble.empty() : scan.longestKeyframeInterval();
    }

    /**
     * Where the picture stream ends on the file's time line (the one {@code -ss} and the
     * {@code fps} filter use, starting at {@code report.startSeconds()}): the end of its last
     * picture, read from the packets near the end of the file. Empty when it cannot be told.
     */
    public OptionalDouble pictureEnd(Path file, ProbeReport report, Cancellation cancellation) {
        if (report.video() == null) {
            return OptionalDouble.empty();
        }
        PacketScanParser scan = scan(List.of("-sseof", "-" + seconds(TAIL), "-copyts"), file, report.video().index(),
                cancellation);
        if (scan == null || scan.end().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(scan.end().getAsDouble() - report.startSeconds());
    }

    private PacketScanParser scan(List<String> inputOptions, Path file, int streamIndex, Cancellation cancellation) {
        PacketScanParser scan = new PacketScanParser();
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error"));
        args.addAll(inputOptions);
        args.addAll(List.of("-i", file.toString(), "-map", "0:" + streamIndex, "-c", "copy", "-f", "framecrc", "-"));
        FfmpegRun run = ffmpeg.run(args, timeout, cancellation, scan::accept);
        return run.succeeded() ? scan : null;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}
