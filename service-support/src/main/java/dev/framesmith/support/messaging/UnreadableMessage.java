package dev.framesmith.support.messaging;

/**
 * Application event: a {@link QueueListener}'s message could not be read (or handled) and was dealt with as
 * {@link QueueListener#unreadable()} says. For a service's own metrics.
 *
 * @param queue  the queue it came from
 * @param reason why it could not be read
 */
public record UnreadableMessage(String queue, Unreadable action, String reason) {
}
