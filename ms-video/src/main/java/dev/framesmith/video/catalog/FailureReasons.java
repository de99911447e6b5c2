package dev.framesmith.video.catalog;

import java.util.Map;

/** Plain-language reasons for the failure codes a video can end with, for the API and the e-mail. */
public final class FailureReasons {

    /** The worker gave up after every retry (its job reached the processing dead-letter queue). */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    /** The worker stopped reporting while processing. */
    public static final String PROCESSING_STALLED = "PROCESSING_STALLED";

    static final String GENERIC = "We could not process this video.";
    static final int MAX_LENGTH = 500;

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("EMPTY_FILE", "The uploaded file is empty."),
            Map.entry("NOT_A_VIDEO", "The file is not a video."),
            Map.entry("NO_VIDEO_STREAM", "The file has no picture, only sound or other data."),
            Map.entry("ZERO_DURATION", "The video has no playable length."),
            Map.entry("TOO_LONG", "The video is longer than the allowed maximum."),
            Map.entry("TOO_MANY_FRAMES",
                    "The requested frame rate would produce more frames than allowed; choose a lower one."),
            Map.entry("CORRUPT_VIDEO", "The video is damaged or truncated and cannot be read to the end."),
            Map.entry("SOURCE_MISSING", "The uploaded file is no longer available."),
            Map.entry("SOURCE_CHANGED", "The uploaded file was changed after it was checked, so it was not processed."),
            Map.entry(PROCESSING_FAILED, "We could not process this video after several attempts."),
            Map.entry(PROCESSING_STALLED, "Processing this video stopped responding and was abandoned."));

    private FailureReasons() {
    }

    /**
     * The reason to show: the worker's own message when it gave one (it is written for users), otherwise the
     * known text for the code, otherwise a generic sentence.
     */
    public static String reason(String code, String message) {
        if (message != null && !message.isBlank()) {
            String trimmed = message.strip();
            return trimmed.length() <= MAX_LENGTH ? trimmed : trimmed.substring(0, MAX_LENGTH - 1) + "…";
        }
        return code == null ? GENERIC : REASONS.getOrDefault(code, GENERIC);
    }
}
