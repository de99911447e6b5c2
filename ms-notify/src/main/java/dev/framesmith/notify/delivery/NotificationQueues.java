package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.Queues;

/** Listener destinations, resolved from {@code framesmith.aws.queues.notifications}. */
final class NotificationQueues {

    static final String MAIN = "${framesmith.aws.queues.notifications:" + Queues.NOTIFICATIONS + "}";
    static final String DEAD_LETTER = MAIN + "-dlq";

    private NotificationQueues() {
    }
}
