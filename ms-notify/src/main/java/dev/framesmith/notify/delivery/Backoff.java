package dev.framesmith.notify.delivery;

import dev.framesmith.notify.config.NotifyProperties;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.time.Instant;

/** How long a notification that must be tried again stays invisible on the queue. */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(NotifyProperties.Retry retry) {
        this.initial = retry.initialDelay();
        this.max = retry.maxDelay();
    }

    /**
     * {@code initial × 2^(receives - 1)}, capped at the maximum. When the notification is known to be free
     * again at {@code notBefore} (another consumer holds it), no later than just past that moment: the
     * holder usually settles it well before.
     */
    int seconds(int receives, Instant notBefore, Instant now) {
        int doublings = Math.min(Math.max(receives, 1) - 1, 30);
        long seconds = Math.min(initial.toSeconds() << doublings, max.toSeconds());
        if (notBefore != null) {
            seconds = Math.min(seconds, Math.max(1, Duration.between(now, notBefore).toSeconds() + 1));
        }
        return (int) Math.min(seconds, Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS);
    }
}
