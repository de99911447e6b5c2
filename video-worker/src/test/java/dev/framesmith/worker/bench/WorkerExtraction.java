package dev.framesmith.worker.bench;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.config.WorkerPropertiesFixture;
import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.extraction.Deadline;
import dev.framesmith.worker.extraction.ExtractionResult;
import dev.framesmith.worker.extraction.FrameExtraction;
import dev.framesmith.worker.extraction.ProgressListener;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import dev.framesmith.worker.ffmpeg.ProcessRunner;
import java.nio.file.Path;
import java.util.Map;

/**
 * The worker's extraction on one file, wired as the worker wires it (default settings, memory limit, the decoder's
 * JVM), for {@code bench/extraction.sh}: probe, admission, method choice, extraction and the ZIP.
 *
 * <p>Usage: {@code WorkerExtraction <source> <fps> <work dir> <ffmpeg>}; prints the frame count, the method and what
 * the partial decoder decoded.
 */
public final class WorkerExtraction {

    private WorkerExtraction() {
    }

    public static void main(String[] args) {
        Path source = Path.of(args[0]);
        double fps = Double.parseDouble(args[1]);
        Path work = Path.of(args[2]);
        WorkerProperties properties = WorkerPropertiesFixture.with(Map.of("ffmpeg-path", args[3],
                "work-dir", work.resolve("worker").toString(),
                "decoder.cache-dir", System.getProperty("framesmith.bench.decoder-cache", work.resolve("cache")
                        .toString())));
        ChildLimits limits = ChildLimits.of(properties.limits().memory().toBytes());
        Ffmpeg ffmpeg = new Ffmpeg(FfmpegBinary.locate(properties.ffmpegPath()), limits, code -> { });
        FrameDecoder decoder = FrameDecoder.locate(null, properties.decoder().jvmOptions(),
                properties.decoderCacheDir(), null, new ProcessRunner(limits, code -> { }));
        FrameExtraction extraction = new FrameExtraction(ffmpeg, decoder,
                WorkerPropertiesFixture.extractionSettings(Map.of()));
        ExtractionResult result = extraction.extract(source, new ExtractionOptions(fps, ImageFormat.JPG, null),
                work.resolve("job"), ProgressListener.NONE, Cancellation.none(),
                Deadline.after(properties.jobTimeout()));
        System.out.println(result.frameCount() + " frames, " + result.method() + ", " + result.zipBytes()
                + " bytes" + (result.decodeStats() == null ? "" : ", " + result.decodeStats()));
    }
}
