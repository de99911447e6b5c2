package dev.framesmith.support.messaging;

/** What a {@link QueueListener} does with a message that cannot be read as its record. */
public enum Unreadable {
    /** Move it to the queue's dead-letter queue ({@code <queue>-dlq}) with the reason, and delete it here. */
    DEAD_LETTER,
    /**
     * Log it and leave it, invisible for the longest time SQS allows, until the queue's retention ends: for a
     * dead-letter queue's own listener, so an operator can still read it.
     */
    KEEP
}
