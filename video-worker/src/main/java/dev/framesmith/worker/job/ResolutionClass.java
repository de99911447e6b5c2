package dev.framesmith.worker.job;

/**
 * The class of a source's picture size, by its shorter side (a portrait video is classed like its landscape twin):
 * {@code sd} up to 576 lines, {@code hd} to 720, {@code fullhd} to 1080, {@code qhd} to 1440, {@code uhd} above;
 * {@code unknown} before the probe has told.
 */
final class ResolutionClass {

    static final String UNKNOWN = "unknown";

    private ResolutionClass() {
    }

    static String of(int width, int height) {
        int lines = Math.min(width, height);
        if (lines <= 0) {
            return UNKNOWN;
        }
        if (lines <= 576) {
            return "sd";
        }
        if (lines <= 720) {
            return "hd";
        }
        if (lines <= 1080) {
            return "fullhd";
        }
        return lines <= 1440 ? "qhd" : "uhd";
    }
}
