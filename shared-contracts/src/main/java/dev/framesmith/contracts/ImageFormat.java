package dev.framesmith.contracts;

/** The picture format of the extracted frames. */
public enum ImageFormat {
    JPG("jpg", 0.2),
    PNG("png", 1.5);

    private final String extension;
    private final double bytesPerPixel;

    ImageFormat(String extension, double bytesPerPixel) {
        this.extension = extension;
        this.bytesPerPixel = bytesPerPixel;
    }

    public String extension() {
        return extension;
    }

    /**
     * Bytes per pixel a typical frame takes (JPEG at quality 2, PNG of camera pictures): the estimate of a video's
     * output that the worker checks against {@code framesmith.processing.max-output-size} before it extracts.
     */
    public double bytesPerPixel() {
        return bytesPerPixel;
    }
}
