package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.probe.ProbeReport;
import dev.framesmith.worker.probe.VideoProbe;
import dev.framesmith.worker.zip.FrameZip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a video file into a ZIP of frames: probes it, rejects what cannot be a video with a
 * {@link VideoRejectedException}, picks the cheaper extraction method, extracts the frames into a
 * directory and zips them. Frame {@code i} is the picture shown at {@code (i - 1) / fps} seconds.
 */
public class FrameExtraction {

    private static final Logger log = LoggerFactory.getLogger(FrameExtraction.class);

    private final VideoProbe probe;
    private final FilterExtractor filter;
    private final SeekExtractor seek;
    private final ExtractionSettings settings;

    public FrameExtraction(Ffmpeg ffmpeg, ExtractionSettings settings) {
        this.probe = new VideoProbe(ffmpeg, settings.probeTimeout());
        this.filter = new FilterExtractor(ffmpeg, settings.extractionTimeout());
        this.seek = new SeekExtractor(ffmpeg, settings.extractionTimeout());
        this.settings = settings;
    }

    /**
     * @param source   the video, a local file
     * @param options  rate, picture format and width
     * @param workDir  an empty directory owned by the caller; the ZIP is written into it
     * @param progress told how far the extraction has got
     */
    public ExtractionResult extract(Path source, ExtractionOptions options, Path workDir, ProgressListener progress,
            Cancellation cancellation) {
        return extract(source, options, workDir, progress, cancellation, null);
    }

    ExtractionResult extract(Path source, ExtractionOptions options, Path workDir, ProgressListener progress,
            Cancellation cancellation, ExtractionMethod forced) {
        Rate rate = Rate.of(options.fps());
        ProbeReport report = probe.probe(source, cancellation);
        log.info("Probed source: container={} duration={}s video={} audio={}", report.container(),
                report.durationSeconds(), report.video(), report.hasAudio());
        AdmittedVideo video = Admission.admit(size(source), report, rate, settings);
        ExtractionMethod method = forced != null ? forced : choose(source, video, rate, cancellation);
        Path framesDir = workDir.resolve("frames");
        try {
            Files.createDirectories(framesDir);
            long started = System.nanoTime();
            List<Path> frames = method == ExtractionMethod.SEEK
                    ? seek.extract(source, video, rate, seekCount(source, report, video, rate, cancellation), options,
                            framesDir, progress, cancellation)
                    : filter.extract(source, video, rate, options, framesDir, progress, cancellation);
            cancellation.check();
            Path zip = workDir.resolve("frames.zip");
            long zipBytes = FrameZip.write(frames, zip);
            log.info("Extracted {} frames ({} method, {} ms), ZIP {} bytes", frames.size(), method,
                    (System.nanoTime() - started) / 1_000_000, zipBytes);
            return new ExtractionResult(zip, frames.size(), zipBytes, video.durationSeconds(), method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempFiles.deleteRecursively(framesDir);
        }
    }

    /**
     * The container's duration is rounded and may include a longer sound track; count the sampling
     * times before the last picture ends instead, as the filter method does.
     */
    private int seekCount(Path source, ProbeReport report, AdmittedVideo video, Rate rate, Cancellation cancellation) {
        OptionalDouble end = probe.pictureEnd(source, report, cancellation);
        return end.isPresent() && end.getAsDouble() > 0
                ? Math.min(rate.framesIn(end.getAsDouble()), settings.maxFrames())
                : video.frameCount();
    }

    /** Seeking pays off when the sampling interval spans several keyframe intervals of a long video. */
    ExtractionMethod choose(Path source, AdmittedVideo video, Rate rate, Cancellation cancellation) {
        ExtractionSettings.Seek rules = settings.seek();
        double interval = rate.secondsAt(1);
        if (!rules.enabled() || video.durationSeconds() < rules.minDuration().toMillis() / 1000.0
                || video.frameCount() < 2) {
            return ExtractionMethod.FILTER;
        }
        OptionalDouble keyframes = probe.keyframeInterval(source, video.streamIndex(), rules.scanWindow(),
                cancellation);
        boolean sparse = keyframes.isPresent() && keyframes.getAsDouble() > 0
                && interval >= rules.minKeyframeRatio() * keyframes.getAsDouble();
        log.info("Sampling every {}s, longest keyframe interval {}s: {} method", interval,
                keyframes.isPresent() ? keyframes.getAsDouble() : "unknown", sparse ? "seek" : "filter");
        return sparse ? ExtractionMethod.SEEK : ExtractionMethod.FILTER;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
