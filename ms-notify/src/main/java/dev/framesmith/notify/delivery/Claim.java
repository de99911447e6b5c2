package dev.framesmith.notify.delivery;

import java.time.Instant;

/** What a consumer may do with a notification after trying to take it in the delivery log. */
sealed interface Claim {

    /** This consumer owns the notification for this attempt and may send it. */
    record Owned(int attempt) implements Claim {
    }

    /** Already sent or failed for good: nothing to do. */
    record Finished(DeliveryStatus status) implements Claim {
    }

    /** Another consumer owns it until {@code until}: try again later. */
    record Busy(Instant until) implements Claim {
    }
}
