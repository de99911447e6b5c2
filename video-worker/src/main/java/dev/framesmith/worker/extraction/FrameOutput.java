package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The FFmpeg arguments shared by both methods: input error checks, scaling, picture format and quality. */
final class FrameOutput {

    private static final String FRAME_PREFIX = "frame_";

    private FrameOutput() {
    }

    /** Fail on the first damaged packet instead of silently producing half the frames. */
    static List<String> strictInput() {
        return List.of("-hide_banner", "-loglevel", "error", "-xerror", "-err_detect", "explode");
    }

    /** Width capped at {@code maxWidth}, height following the aspect ratio, both even, square pixels. */
    static String scaleFilter(ExtractionOptions options) {
        String scale = options.maxWidth() == null
                ? "scale=w=trunc(iw/2)*2:h=trunc(ih/2)*2"
                : "scale=w=trunc(min(iw\\," + options.maxWidth() + ")/2)*2:h=-2";
        return scale + ",setsar=1";
    }

    static List<String> encoding(ExtractionOptions options) {
        List<String> args = new ArrayList<>(List.of("-an", "-sn", "-dn", "-vsync", "passthrough"));
        if (options.format() == ImageFormat.PNG) {
            args.addAll(List.of("-pix_fmt", "rgb24"));
        } else {
            args.addAll(List.of("-pix_fmt", "yuvj420p", "-q:v", "2"));
        }
        return args;
    }

    /**
     * How frame files (and so the ZIP's entries) are named: {@code frame_00001.jpg}, numbered from 1. The pattern
     * is FFmpeg's image-sequence pattern and a {@link String#format} pattern alike.
     */
    static String fileNamePattern(ImageFormat format) {
        return FRAME_PREFIX + "%05d." + format.extension();
    }

    static String fileName(int number, ImageFormat format) {
        return String.format(Locale.ROOT, fileNamePattern(format), number);
    }

    static boolean isFrame(Path file) {
        return file.getFileName().toString().startsWith(FRAME_PREFIX);
    }
}
