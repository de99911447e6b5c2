package dev.framesmith.support.aws;

import dev.framesmith.contracts.Queues;

/**
 * Queue names for {@link dev.framesmith.support.messaging.QueueListener}, as placeholders over
 * {@link FramesmithAwsProperties} with the default names of {@link Queues}, so a listener starts with or without
 * the property set.
 */
public final class ListenerQueues {

    public static final String PROCESSING = "${framesmith.aws.queues.processing:" + Queues.PROCESSING + "}";
    public static final String PROCESSING_DLQ = PROCESSING + "-dlq";
    public static final String EVENTS = "${framesmith.aws.queues.events:" + Queues.EVENTS + "}";
    public static final String EVENTS_DLQ = EVENTS + "-dlq";
    public static final String NOTIFICATIONS = "${framesmith.aws.queues.notifications:" + Queues.NOTIFICATIONS + "}";
    public static final String NOTIFICATIONS_DLQ = NOTIFICATIONS + "-dlq";
    public static final String FEEDBACK = "${framesmith.aws.queues.feedback:" + Queues.FEEDBACK + "}";

    private ListenerQueues() {
    }
}
