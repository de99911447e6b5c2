package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.decoder.DecoderProtocol;
import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the frames with the frame decoder, which decodes only the packets the samples need: from the keyframe
 * before each sampled picture up to it, every packet at most once however the keyframes lie. It picks the same
 * pictures as the {@link FilterExtractor}. When the file's packet index does not allow exact planning (missing or
 * repeated timestamps, no keyframe first) or a picture cannot be decoded cleanly from its keyframe, it says so, and
 * the video is decoded whole instead; so it is when the decoder's JVM cannot start (within the memory limit every
 * child gets, a JVM needs room for its heap, code cache and class space).
 */
final class PartialDecodeExtractor {

    private static final Logger log = LoggerFactory.getLogger(PartialDecodeExtractor.class);

    private final FrameDecoder decoder;
    private final ExtractionSettings settings;

    PartialDecodeExtractor(FrameDecoder decoder, ExtractionSettings settings) {
        this.decoder = decoder;
        this.settings = settings;
    }

    boolean available() {
        return decoder.available();
    }

    /**
     * How a run ended when it did not fail the video.
     *
     * @param stats     what it decoded
     * @param fallBack  why another method should be tried; {@code null} when the frames are written
     */
    record Outcome(DecodeStats stats, String fallBack) {
    }

    /**
     * Writes the frames into {@code dir}, and fails the video, or the job for a retry, when the decoder's exit says
     * so; the caller checks whether it was stopped on purpose first.
     */
    Outcome extract(Path source, AdmittedVideo video, Rate rate, Path dir, ProgressListener progress,
            Duration timeout, Cancellation cancellation) {
        DecodeStats.Collector stats = new DecodeStats.Collector();
        List<String> args = List.of("input=" + source, "stream=" + video.streamIndex(), "rate=" + rate.ffmpeg(),
                "max-samples=" + settings.maxFrames(), "output=" + dir, "format=" + video.output().format().extension(),
                "max-width=" + video.output().maxWidth(), "max-pixels=" + settings.budget().maxFramePixels(),
                "threads=" + settings.budget().threads());
        AtomicBoolean indexed = new AtomicBoolean();
        List<String> said = new ArrayList<>();
        FfmpegRun run = decoder.run(args, timeout, cancellation, line -> {
            if (line.startsWith(DecoderProtocol.FRAME + " ")) {
                progress.progress(Math.min(1.0, Integer.parseInt(line.substring(6).trim()) / (double) video
                        .frameCount()));
            } else {
                if (line.startsWith(DecoderProtocol.INDEX + " ")) {
                    indexed.set(true);
                } else if (!indexed.get() && said.size() < 3) {
                    said.add(line);
                }
                stats.accept(line);
            }
        });
        if (!indexed.get() && !DecoderProtocol.judged(run.exitCode())) {
            // Its JVM did not get as far as the video: with the decoder's JVM options, the address-space limit
            // (framesmith.worker.limits.memory) leaves it no room to start, or the runtime is broken.
            said.addAll(run.stderrLines());
            log.warn("The frame decoder did not start (exit {}: {}): FFmpeg decodes the video instead",
                    run.exitCode(), String.join(" / ", said));
            return new Outcome(stats.stats(), "the decoder did not start (exit " + run.exitCode() + ")");
        }
        check(run);
        return new Outcome(stats.stats(), DecoderProtocol.fallBack(run.exitCode()) ? lastLine(run) : null);
    }

    private static String lastLine(FfmpegRun run) {
        return run.stderrLines().isEmpty() ? "exit " + run.exitCode()
                : run.stderrLines().get(run.stderrLines().size() - 1);
    }

    /** Fails the video, or the job for a retry, when the decoder's exit says so; returns quietly otherwise. */
    private static void check(FfmpegRun run) {
        FfmpegVerdict.checkOutput(run);
        switch (run.exitCode()) {
            case DecoderProtocol.OK, DecoderProtocol.UNUSABLE_INDEX, DecoderProtocol.MISSING_SAMPLE,
                    DecoderProtocol.DAMAGED_PICTURE -> { }
            case DecoderProtocol.CORRUPT_INPUT -> throw new VideoRejectedException(FailureCode.CORRUPT_VIDEO);
            case DecoderProtocol.PICTURE_TOO_LARGE -> throw new VideoRejectedException(FailureCode.RESOLUTION_TOO_HIGH);
            case DecoderProtocol.OUT_OF_MEMORY, DecoderProtocol.JVM_OUT_OF_MEMORY -> throw FfmpegVerdict.tooDemanding();
            default -> throw new FfmpegFailedException("the frame decoder failed", run);
        }
    }
}
