package dev.framesmith.video.catalog;

import dev.framesmith.contracts.FailureCode;
import java.util.HashMap;
import java.util.Map;

/** Plain-language reasons for the failure codes a video can end with, for the API and the e-mail. */
public final class FailureReasons {

    /** The worker gave up after every retry (its job reached the processing dead-letter queue). */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    /** The worker stopped reporting while processing. */
    public static final String PROCESSING_STALLED = "PROCESSING_STALLED";

    static final String GENERIC = "We could not process this video.";
    static final int MAX_LENGTH = 500;

    private static final Map<String, String> REASONS = reasons();

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

    /** The worker's codes with their own messages, and the two this service decides. */
    private static Map<String, String> reasons() {
        Map<String, String> reasons = new HashMap<>();
        for (FailureCode code : FailureCode.values()) {
            reasons.put(code.name(), code.message());
        }
        reasons.put(PROCESSING_FAILED, "We could not process this video after several attempts.");
        reasons.put(PROCESSING_STALLED, "Processing this video stopped responding and was abandoned.");
        return Map.copyOf(reasons);
    }
}
