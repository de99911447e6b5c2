package dev.framesmith.contracts;

/** The picture format of the extracted frames. */
public enum ImageFormat {
    JPG("jpg"),
    PNG("png");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
