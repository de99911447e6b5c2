package dev.framesmith.support.messaging;

/**
 * Thrown by a {@link QueueListener} for a message it can read but cannot handle (this version has no way to, for
 * instance): handled at once like an unreadable one, as {@link QueueListener#unreadable()} says, with this message
 * as the reason, instead of being retried until the redrive policy gives up.
 */
public class UnprocessableMessageException extends RuntimeException {

    public UnprocessableMessageException(String reason) {
        super(reason);
    }
}
