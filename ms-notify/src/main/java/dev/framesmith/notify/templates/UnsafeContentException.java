package dev.framesmith.notify.templates;

/** A notification carries a value that must not go into an e-mail, such as a link that is not a web link. */
public class UnsafeContentException extends RuntimeException {

    public UnsafeContentException(String message) {
        super(message);
    }
}
