package dev.framesmith.contracts;

/**
 * How frames are taken from a video.
 *
 * @param fps      frames per second of video time, {@value #MIN_FPS} to {@value #MAX_FPS}
 * @param format   picture format of each frame
 * @param maxWidth widest frame in pixels, or {@code null} for the default: frames wider than
 *                 {@value #DEFAULT_MAX_WIDTH} are scaled down to it; the height follows the aspect ratio
 */
public record ExtractionOptions(double fps, ImageFormat format, Integer maxWidth) {

    public static final double MIN_FPS = 0.01;
    public static final double MAX_FPS = 30;
    public static final int MIN_WIDTH = 16;
    public static final int MAX_WIDTH = 7680;
    /** Frames wider than this are scaled down when no {@code maxWidth} is asked for. */
    public static final int DEFAULT_MAX_WIDTH = 1920;

    public static final ExtractionOptions DEFAULT = new ExtractionOptions(1.0, ImageFormat.JPG, null);

    public ExtractionOptions {
        if (!(fps >= MIN_FPS && fps <= MAX_FPS)) {
            throw new IllegalArgumentException("fps must be between " + MIN_FPS + " and " + MAX_FPS);
        }
        format = format == null ? ImageFormat.JPG : format;
        if (maxWidth != null && (maxWidth < MIN_WIDTH || maxWidth > MAX_WIDTH)) {
            throw new IllegalArgumentException("maxWidth must be between " + MIN_WIDTH + " and " + MAX_WIDTH);
        }
    }
}
