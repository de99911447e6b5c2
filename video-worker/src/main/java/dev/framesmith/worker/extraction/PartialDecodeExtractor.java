package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.decoder.DecoderProtocol;
import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Takes the frames with the frame decoder, which decodes only the packets the samples need: from the keyframe
 * before each sampled picture up to it, every packet at most once however the keyframes lie. It picks the same
 * pictures as the {@link FilterExtractor}. When the file's packet index does not allow exact planning (missing or
 * repeated timestamps, no keyframe first) or a picture cannot be decoded cleanly from its keyframe, it says so, and
 * the video is decoded whole instead.
 */
final class PartialDecodeExtractor {

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
     * @param run        the decoder's exit and complaints
     * @param stats      what it decoded
     * @param fallBack   another method should be tried
     */
    record Outcome(FfmpegRun run, DecodeStats stats, boolean fallBack) {
    }

    /** Writes the frames into {@code dir}; the caller checks whether it was stopped on purpose first. */
    Outcome extract(Path source, AdmittedVideo video, Rate rate, Path dir, ProgressListener progress,
            Duration timeout, Cancellation cancellation) {
        DecodeStats.Collector stats = new DecodeStats.Collector();
        List<String> args = List.of("input=" + source, "stream=" + video.streamIndex(), "rate=" + rate.ffmpeg(),
                "max-samples=" + settings.maxFrames(), "output=" + dir, "format=" + video.output().format().extension(),
                "max-width=" + video.output().maxWidth(), "max-pixels=" + settings.budget().maxFramePixels(),
                "threads=" + settings.budget().threads());
        FfmpegRun run = decoder.run(args, timeout, cancellation, line -> {
            if (line.startsWith(DecoderProtocol.FRAME + " ")) {
                progress.progress(Math.min(1.0, Integer.parseInt(line.substring(6).trim()) / (double) video
                        .frameCount()));
            } else {
                stats.accept(line);
            }
        });
        return new Outcome(run, stats.stats(), DecoderProtocol.fallBack(run.exitCode()));
    }

    /** Fails the video, or the job for a retry, when the decoder's exit says so; returns quietly otherwise. */
    static void check(FfmpegRun run) {
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
