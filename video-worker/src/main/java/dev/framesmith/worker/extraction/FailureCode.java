package dev.framesmith.worker.extraction;

/**
 * Why a video cannot be turned into frames, however often it is tried. Each code is reported in
 * the FAILED event with a message a user can read.
 */
public enum FailureCode {
    EMPTY_FILE("The uploaded file is empty."),
    NOT_A_VIDEO("The file is not a video."),
    NO_VIDEO_STREAM("The file has no picture, only sound or other data."),
    ZERO_DURATION("The video has no playable length."),
    TOO_LONG("The video is longer than the allowed maximum."),
    TOO_MANY_FRAMES("The requested frame rate would produce more frames than allowed; choose a lower one."),
    CORRUPT_VIDEO("The video is damaged or truncated and cannot be read to the end."),
    SOURCE_MISSING("The uploaded file is no longer available."),
    SOURCE_CHANGED("The uploaded file was changed after it was checked, so it was not processed.");

    private final String message;

    FailureCode(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
