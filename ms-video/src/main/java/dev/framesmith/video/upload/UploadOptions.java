package dev.framesmith.video.upload;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.support.web.FieldError;
import dev.framesmith.support.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The extraction options of an upload ({@code fps}, {@code format}, {@code maxWidth}), checked against the
 * ranges of {@link ExtractionOptions}. Collects every invalid field before failing with one problem.
 */
final class UploadOptions {

    static final String FPS = "fps";
    static final String FORMAT = "format";
    static final String MAX_WIDTH = "maxWidth";

    /** What {@code maxWidth} means, for the API document of both ways to upload. */
    static final String MAX_WIDTH_DESCRIPTION = "Widest frame in pixels, " + ExtractionOptions.MIN_WIDTH + " to "
            + ExtractionOptions.MAX_WIDTH + "; narrower sources keep their width (default "
            + ExtractionOptions.DEFAULT_MAX_WIDTH + ": wider frames are scaled down)";

    private static final String FPS_RANGE = "must be a number between " + ExtractionOptions.MIN_FPS + " and "
            + (int) ExtractionOptions.MAX_FPS;
    private static final String WIDTH_RANGE = "must be a whole number between " + ExtractionOptions.MIN_WIDTH
            + " and " + ExtractionOptions.MAX_WIDTH;

    private Double fps;
    private ImageFormat format;
    private Integer maxWidth;
    private final List<FieldError> errors = new ArrayList<>();

    static boolean isOption(String field) {
        return FPS.equals(field) || FORMAT.equals(field) || MAX_WIDTH.equals(field);
    }

    /** Takes one option given as text; blank means "not given". */
    void set(String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String text = value.strip();
        switch (field) {
            case FPS -> fps(parseDouble(text));
            case FORMAT -> format(text);
            case MAX_WIDTH -> maxWidth(parseInt(text));
            default -> throw new IllegalArgumentException("not an option: " + field);
        }
    }

    void fps(Double value) {
        if (value == null) {
            return;
        }
        if (value.isNaN() || value < ExtractionOptions.MIN_FPS || value > ExtractionOptions.MAX_FPS) {
            errors.add(new FieldError(FPS, FPS_RANGE));
        } else {
            fps = value;
        }
    }

    void format(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> format = ImageFormat.JPG;
            case "png" -> format = ImageFormat.PNG;
            default -> errors.add(new FieldError(FORMAT, "must be jpg or png"));
        }
    }

    void maxWidth(Integer value) {
        if (value == null) {
            return;
        }
        if (value < ExtractionOptions.MIN_WIDTH || value > ExtractionOptions.MAX_WIDTH) {
            errors.add(new FieldError(MAX_WIDTH, WIDTH_RANGE));
        } else {
            maxWidth = value;
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The options, or a 400 {@code validation} problem listing every invalid one. */
    ExtractionOptions build() {
        if (hasErrors()) {
            throw ProblemException.invalid(errors);
        }
        return new ExtractionOptions(fps == null ? ExtractionOptions.DEFAULT.fps() : fps,
                format == null ? ImageFormat.JPG : format, maxWidth);
    }

    private Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(FPS, FPS_RANGE));
        return null;
    }

    private Integer parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(MAX_WIDTH, WIDTH_RANGE));
            return null;
        }
    }
}
