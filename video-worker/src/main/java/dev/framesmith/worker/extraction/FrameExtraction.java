package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegTimeoutException;
import dev.framesmith.worker.probe.ProbeReport;
import dev.framesmith.worker.probe.VideoProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a video file into a ZIP of frames: probes it, rejects what cannot be a video or would cost more than a job
 * may (resolution, decoding rate, output size) with a {@link VideoRejectedException}, then extracts the frames,
 * moving each into the ZIP as soon as it is written. Long videos go to the partial decoder, which decodes only what
 * the frames need; short ones, and those it cannot plan exactly, are decoded whole by FFmpeg. Frame {@code i} is the
 * picture shown at {@code (i - 1) / fps} seconds.
 */
public class FrameExtraction {

    private static final Logger log = LoggerFactory.getLogger(FrameExtraction.class);

    private final VideoProbe probe;
    private final FilterExtractor filter;
    private final PartialDecodeExtractor partial;
    private final ExtractionSettings settings;

    public FrameExtraction(Ffmpeg ffmpeg, FrameDecoder decoder, ExtractionSettings settings) {
        this.probe = new VideoProbe(ffmpeg, settings.budget().maxFramePixels());
        this.filter = new FilterExtractor(ffmpeg, settings);
        this.partial = new PartialDecodeExtractor(decoder, settings);
        this.settings = settings;
    }

    /**
     * @param source   the video, a local file
     * @param options  rate, picture format and width
     * @param workDir  an empty directory owned by the caller; the ZIP is written into it
     * @param progress told how far the extraction has got
     * @param deadline the job's; every run gets at most the time left, and the video fails once it has passed
     */
    public ExtractionResult extract(Path source, ExtractionOptions options, Path workDir, ProgressListener progress,
            Cancellation cancellation, Deadline deadline) {
        return extract(source, options, workDir, progress, cancellation, deadline, Phases.NONE, null);
    }

    /** As above, telling {@code phases} about the probe, the extraction and the zip, and the source's size. */
    public ExtractionResult extract(Path source, ExtractionOptions options, Path workDir, ProgressListener progress,
            Cancellation cancellation, Deadline deadline, Phases phases) {
        return extract(source, options, workDir, progress, cancellation, deadline, phases, null);
    }

    ExtractionResult extract(Path source, ExtractionOptions options, Path workDir, ProgressListener progress,
            Cancellation cancellation, Deadline deadline, ExtractionMethod forced) {
        return extract(source, options, workDir, progress, cancellation, deadline, Phases.NONE, forced);
    }

    private ExtractionResult extract(Path source, ExtractionOptions options, Path workDir, ProgressListener progress,
            Cancellation cancellation, Deadline deadline, Phases phases, ExtractionMethod forced) {
        Rate rate = Rate.of(options.fps());
        ProbeReport report = phases.time(Phases.Phase.PROBE, () -> timed(deadline,
                () -> probe.probe(source, deadline.cap(settings.probeTimeout()), cancellation)));
        log.info("Probed source: container={} duration={}s video={} audio={}", report.container(),
                report.durationSeconds(), report.video(), report.hasAudio());
        FrameSpec spec = new FrameSpec(options.format(), settings.width().effective(options.maxWidth()));
        if (report.video() != null) {
            phases.source(report.video().width(), report.video().height());
        }
        AdmittedVideo video = Admission.admit(size(source), report, rate, spec, settings);
        requireFreeSpace(workDir, video.estimatedBytes());
        ExtractionMethod method = forced != null ? forced : choose(video);
        long started = System.nanoTime();
        ExtractionResult result = null;
        if (method == ExtractionMethod.PARTIAL_DECODE) {
            result = phases.time(Phases.Phase.EXTRACT, () -> timed(deadline, () -> attempt(source, video, rate,
                    workDir, progress, cancellation, deadline, phases, ExtractionMethod.PARTIAL_DECODE)));
            if (result == null) {
                log.info("The partial decoder cannot take this video's frames exactly: decoding it whole");
            }
        }
        if (result == null) {
            result = phases.time(Phases.Phase.EXTRACT, () -> timed(deadline, () -> attempt(source, video, rate,
                    workDir, progress, cancellation, deadline, phases, ExtractionMethod.FILTER)));
        }
        log.info("Extracted {} frames ({} method, {} ms), ZIP {} bytes{}", result.frameCount(), result.method(),
                (System.nanoTime() - started) / 1_000_000, result.zipBytes(),
                result.decodeStats() == null ? "" : ", " + result.decodeStats());
        return result;
    }

    /** The partial decoder for long enough videos; whole decoding for short ones, where it costs as much. */
    ExtractionMethod choose(AdmittedVideo video) {
        ExtractionSettings.PartialDecode rules = settings.partialDecode();
        return rules.enabled() && partial.available()
                && video.durationSeconds() >= rules.minDuration().toMillis() / 1000.0
                ? ExtractionMethod.PARTIAL_DECODE : ExtractionMethod.FILTER;
    }

    /** One extraction into a fresh ZIP; {@code null} when the partial decoder asks for another method. */
    private ExtractionResult attempt(Path source, AdmittedVideo video, Rate rate, Path workDir,
            ProgressListener progress, Cancellation cancellation, Deadline deadline, Phases phases,
            ExtractionMethod method) {
        Path frames = workDir.resolve("frames");
        Path zip = workDir.resolve("frames.zip");
        try (Cancellation.Child step = cancellation.child();
                FrameCollector collector = collector(frames, video, zip, step)) {
            DecodeStats stats = null;
            try {
                if (method == ExtractionMethod.PARTIAL_DECODE) {
                    PartialDecodeExtractor.Outcome outcome = partial.extract(source, video, rate, frames, progress,
                            deadline.remaining(), step.cancellation());
                    stats = outcome.stats();
                    if (outcome.fallBack() != null) {
                        log.info("Partial decoder: {} ({})", outcome.fallBack(), stats);
                        return null;
                    }
                } else {
                    FfmpegVerdict.check(filter.extract(source, video, rate, frames, progress, deadline.remaining(),
                            step.cancellation()));
                }
            } catch (CancellationException e) {
                if (!cancellation.isCancelled()) {
                    // stopped by the collector: it tells why
                    collector.finish(settings.budget());
                }
                throw e;
            }
            long[] zipped = phases.time(Phases.Phase.ZIP, () -> collector.finish(settings.budget()));
            if (zipped[0] == 0) {
                throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO, "No picture in the video could be decoded.");
            }
            return new ExtractionResult(zip, (int) zipped[0], zipped[1], video.durationSeconds(), method, stats);
        } catch (RuntimeException e) {
            deleteQuietly(zip);
            throw e;
        } finally {
            TempFiles.deleteRecursively(frames);
        }
    }

    private FrameCollector collector(Path frames, AdmittedVideo video, Path zip, Cancellation.Child step) {
        try {
            Files.createDirectories(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FrameCollector(frames, video.output().format().extension(), zip,
                settings.budget().maxOutputBytes(), step);
    }

    /** A run stopped by the job's deadline fails the video; any other timeout is the machine's. */
    private static <T> T timed(Deadline deadline, Supplier<T> step) {
        deadline.check();
        try {
            return step.get();
        } catch (FfmpegTimeoutException e) {
            if (deadline.passed()) {
                throw deadline.expired();
            }
            throw e;
        }
    }

    /** The work directory must hold the expected frames and still keep its reserve; otherwise another worker may. */
    private void requireFreeSpace(Path workDir, long estimatedBytes) {
        try {
            Files.createDirectories(workDir);
            long usable = Files.getFileStore(workDir).getUsableSpace();
            long needed = estimatedBytes + settings.budget().minFreeBytes();
            if (usable < needed) {
                throw new IllegalStateException("the work directory has " + usable + " bytes free; the job needs "
                        + needed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
