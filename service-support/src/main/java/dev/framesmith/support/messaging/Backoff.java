package dev.framesmith.support.messaging;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential back-off: {@code first} after the first attempt, doubling with each further attempt, never more than
 * {@code max}. The one policy for queue messages whose handling failed (by receive count, see
 * {@link QueueListener#retryBackoff()}) and for anything else tried again after a pause.
 */
public record Backoff(Duration first, Duration max) {

    /** The longest visibility timeout SQS accepts. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 <= first <= max");
        }
    }

    /** The wait after the given attempt (1 for the first): {@code first × 2^(attempt - 1)}, at most {@code max}. */
    public Duration after(int attempt) {
        Duration wait = first;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * How long, in whole seconds, a message stays invisible after its receive number {@code receives} failed: the
     * back-off, shortened to just past {@code notBefore} when the message's work is known to be free again then,
     * and never beyond the 12 hours SQS allows.
     */
    public int visibilitySeconds(int receives, Instant notBefore, Instant now) {
        long seconds = after(receives).toSeconds();
        if (notBefore != null) {
            seconds = Math.min(seconds, secondsPast(notBefore, now));
        }
        return (int) Math.min(seconds, MAX_VISIBILITY.toSeconds());
    }

    /** Whole seconds from {@code now} to just past {@code notBefore}: at least 1, at most the 12 hours SQS allows. */
    public static int secondsPast(Instant notBefore, Instant now) {
        long seconds = Math.max(1, Duration.between(now, notBefore).toSeconds() + 1);
        return (int) Math.min(seconds, MAX_VISIBILITY.toSeconds());
    }
}
