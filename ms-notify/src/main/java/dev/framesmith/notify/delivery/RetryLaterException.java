package dev.framesmith.notify.delivery;

import java.time.Instant;

/**
 * The notification could not be settled now and must come back through the queue: a transient SES
 * failure, or another consumer holding it. {@code notBefore} is when trying again makes sense, if known.
 */
class RetryLaterException extends RuntimeException {

    private final transient Instant notBefore;

    RetryLaterException(String message, Instant notBefore, Throwable cause) {
        super(message, cause);
        this.notBefore = notBefore;
    }

    Instant notBefore() {
        return notBefore;
    }
}
