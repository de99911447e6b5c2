package dev.framesmith.contracts;

/** Names of the SQS message attributes and HTTP headers the services share. */
public final class Headers {

    /** W3C trace context, carried in HTTP headers and SQS message attributes. */
    public static final String TRACEPARENT = "traceparent";
    /** Simple name of the message record, so a consumer can tell message kinds apart before parsing. */
    public static final String MESSAGE_TYPE = "framesmith-message-type";

    private Headers() {
    }
}
