package dev.framesmith.worker.job;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A finished ZIP as recorded in its S3 object metadata: the options it was made with and what it
 * holds (and the size of its contact sheet, written before it, if there is one), so that a redelivered job can be
 * answered without doing the work again.
 */
record StoredFrames(ExtractionOptions options, int frameCount, double durationSeconds, long zipBytes,
        Long previewBytes) {

    static final String FPS = "framesmith-fps";
    static final String FORMAT = "framesmith-format";
    static final String MAX_WIDTH = "framesmith-max-width";
    static final String FRAME_COUNT = "framesmith-frame-count";
    static final String DURATION = "framesmith-duration-seconds";
    static final String PREVIEW_BYTES = "framesmith-preview-bytes";

    Map<String, String> metadata() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(FPS, fps(options.fps()));
        metadata.put(FORMAT, options.format().name());
        metadata.put(MAX_WIDTH, options.maxWidth() == null ? "none" : options.maxWidth().toString());
        metadata.put(FRAME_COUNT, Integer.toString(frameCount));
        metadata.put(DURATION, Double.toString(durationSeconds));
        if (previewBytes != null) {
            metadata.put(PREVIEW_BYTES, previewBytes.toString());
        }
        return metadata;
    }

    /** Reads the metadata written by {@link #metadata()}; {@code null} when it is missing or unreadable. */
    static StoredFrames from(Map<String, String> metadata, long zipBytes) {
        Map<String, String> lower = new HashMap<>();
        metadata.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        try {
            String maxWidth = lower.get(MAX_WIDTH);
            ExtractionOptions options = new ExtractionOptions(Double.parseDouble(lower.get(FPS)),
                    ImageFormat.valueOf(lower.get(FORMAT)),
                    maxWidth == null || maxWidth.equals("none") ? null : Integer.valueOf(maxWidth));
            String previewBytes = lower.get(PREVIEW_BYTES);
            return new StoredFrames(options, Integer.parseInt(lower.get(FRAME_COUNT)),
                    Double.parseDouble(lower.get(DURATION)), zipBytes,
                    previewBytes == null ? null : Long.valueOf(previewBytes));
        } catch (RuntimeException e) {
            return null;
        }
    }

    boolean madeWith(ExtractionOptions requested) {
        return fps(options.fps()).equals(fps(requested.fps()))
                && options.format() == requested.format()
                && Objects.equals(options.maxWidth(), requested.maxWidth());
    }

    private static String fps(double fps) {
        return BigDecimal.valueOf(fps).stripTrailingZeros().toPlainString();
    }
}
