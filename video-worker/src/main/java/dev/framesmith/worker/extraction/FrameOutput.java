package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ImageFormat;
import java.util.ArrayList;
import java.util.List;

/** The FFmpeg arguments of the filter method: input error checks and limits, scaling, picture format and quality. */
final class FrameOutput {

    private FrameOutput() {
    }

    /** Fail on the first damaged packet instead of silently producing half the frames. */
    static List<String> strictInput() {
        return List.of("-hide_banner", "-loglevel", "error", "-xerror", "-err_detect", "explode");
    }

    /**
     * Decoder limits for the input that follows: the largest picture it may allocate (also while the stream
     * parameters are read) and its threads.
     */
    static List<String> decoderLimits(ExtractionSettings.Budget budget) {
        return List.of("-threads", Integer.toString(budget.threads()), "-max_pixels",
                Long.toString(budget.maxFramePixels()));
    }

    /** Width capped at the frame width, height following the aspect ratio, both even, square pixels. */
    static String scaleFilter(FrameSpec spec) {
        return "scale=w=trunc(min(iw\\," + spec.maxWidth() + ")/2)*2:h=-2,setsar=1";
    }

    /** Picture format and quality; each file is written under a temporary name and renamed when complete. */
    static List<String> encoding(FrameSpec spec, int threads) {
        List<String> args = new ArrayList<>(List.of("-an", "-sn", "-dn", "-vsync", "passthrough", "-threads",
                Integer.toString(threads)));
        if (spec.format() == ImageFormat.PNG) {
            args.addAll(List.of("-pix_fmt", "rgb24"));
        } else {
            args.addAll(List.of("-pix_fmt", "yuvj420p", "-q:v", "2"));
        }
        args.addAll(List.of("-f", "image2", "-atomic_writing", "1"));
        return args;
    }
}
