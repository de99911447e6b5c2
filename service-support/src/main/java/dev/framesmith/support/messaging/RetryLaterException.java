package dev.framesmith.support.messaging;

import java.time.Instant;

/**
 * Thrown by a {@link QueueListener} whose message cannot be settled now and must come back: the listener's
 * back-off applies, shortened to just past {@code notBefore} when that is known (another consumer holds the
 * message's work until then; without a back-off, the message comes back just past it), or none at all for
 * {@link #immediately(String)}. Logged without a stack trace.
 */
public class RetryLaterException extends RuntimeException {

    private final transient Instant notBefore;
    private final boolean immediately;

    public RetryLaterException(String message, Throwable cause) {
        this(message, cause, null, false);
    }

    public RetryLaterException(String message, Instant notBefore) {
        this(message, null, notBefore, false);
    }

    private RetryLaterException(String message, Throwable cause, Instant notBefore, boolean immediately) {
        super(message, cause);
        this.notBefore = notBefore;
        this.immediately = immediately;
    }

    /** Give the message back at once, for another consumer (this one is shutting down). */
    public static RetryLaterException immediately(String message) {
        return new RetryLaterException(message, null, null, true);
    }

    public Instant notBefore() {
        return notBefore;
    }

    public boolean isImmediately() {
        return immediately;
    }
}
