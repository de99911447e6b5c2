package dev.framesmith.worker.probe;

import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Looks at a file with {@code ffmpeg -i} (the bundled FFmpeg has no ffprobe): container, duration, streams. Reading
 * the stream parameters may decode a picture: it does so with one thread and refuses pictures above the pixel limit
 * before allocating them (the size is still reported), within the memory limit every FFmpeg run has.
 */
public class VideoProbe {

    private final Ffmpeg ffmpeg;
    private final long maxPixels;

    public VideoProbe(Ffmpeg ffmpeg, long maxPixels) {
        this.ffmpeg = ffmpeg;
        this.maxPixels = maxPixels;
    }

    public ProbeReport probe(Path file, Duration timeout, Cancellation cancellation) {
        FfmpegRun run = ffmpeg.run(List.of("-hide_banner", "-threads", "1", "-max_pixels", Long.toString(maxPixels),
                "-i", file.toString()), timeout, cancellation, null);
        if (run.crashed()) {
            throw new FfmpegFailedException("FFmpeg crashed while probing", run);
        }
        return ProbeOutputParser.parse(run.stderrLines()).withSniffedFormat(ContainerSniffer.sniff(file));
    }
}
