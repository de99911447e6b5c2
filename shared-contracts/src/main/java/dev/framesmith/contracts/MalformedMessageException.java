package dev.framesmith.contracts;

/** A message that cannot be read: retrying it cannot help, it belongs in the dead-letter queue. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
