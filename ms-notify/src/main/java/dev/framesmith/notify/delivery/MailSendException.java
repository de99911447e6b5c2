package dev.framesmith.notify.delivery;

/**
 * The provider did not take an e-mail. {@code retryable} failures (throttling, provider errors,
 * network) are tried again later; the others (rejected address, unverified sender, suspended
 * account, ...) never will succeed. {@code reason} is a short slug for logs, records and metrics.
 */
class MailSendException extends RuntimeException {

    private final boolean retryable;
    private final String reason;

    MailSendException(boolean retryable, String reason, String message, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.reason = reason;
    }

    boolean retryable() {
        return retryable;
    }

    String reason() {
        return reason;
    }

    /** As the delivery log records the failure: {@code reason: message}. */
    String recorded() {
        return reason + ": " + getMessage();
    }

    /** Whether a recorded failure says SES held sending back (throttled, over a quota, paused), not the e-mail. */
    static boolean heldBack(String recorded) {
        return recorded != null && (recorded.startsWith(SesErrors.THROTTLED + ": ")
                || recorded.startsWith(SesErrors.SENDING_PAUSED + ": "));
    }
}
