package dev.framesmith.contracts;

/**
 * Why the worker cannot turn a video into frames, however often it is tried. Each code is reported in
 * {@link VideoEvent#errorCode()} of the FAILED event, with {@link #message()} or a more precise sentence a user can
 * read in {@link VideoEvent#errorMessage()}.
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
    RESOLUTION_TOO_HIGH("The video's picture is larger than the allowed maximum."),
    TOO_DEMANDING("Decoding this video needs more than the allowed computing power or memory."),
    OUTPUT_TOO_LARGE("The frames would take more space than allowed; choose a lower rate, a smaller width or JPEG."),
    TIMED_OUT("Processing this video took longer than allowed.");

    private final String message;

    FailureCode(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
