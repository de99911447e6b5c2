package dev.framesmith.auth.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the notification outbox is drained.
 *
 * @param pollInterval  pause between two rounds of the publisher
 * @param batchSize     messages claimed at once
 * @param lease         how long a claimed message is left to its publisher before another may take it (a crashed
 *                      replica's messages come back after it); longer than one SQS call may take
 * @param retryDelay    first pause after a failed send; it doubles with each failure
 * @param maxRetryDelay longest pause between two attempts
 */
@ConfigurationProperties("framesmith.auth.outbox")
@Validated
public record OutboxProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20") @Min(1) @Max(500) int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5s") Duration retryDelay,
        @DefaultValue("5m") Duration maxRetryDelay) {

    public OutboxProperties {
        for (Duration duration : new Duration[] {pollInterval, lease, retryDelay, maxRetryDelay}) {
            if (duration.toMillis() < 10) {
                throw new IllegalArgumentException("framesmith.auth.outbox durations must be at least 10 ms");
            }
        }
        if (lease.compareTo(Duration.ofSeconds(61)) < 0) {
            throw new IllegalArgumentException("framesmith.auth.outbox.lease must outlast an SQS call (60 s)");
        }
    }

    /** The pause after the {@code attempts}-th failed attempt. */
    Duration retryAfter(int attempts) {
        Duration delay = retryDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
