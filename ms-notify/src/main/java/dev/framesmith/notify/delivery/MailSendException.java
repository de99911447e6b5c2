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
}
