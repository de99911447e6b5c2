package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationRequested;
import org.slf4j.MDC;

/** Puts what is known about a message into the log context, and takes it out again. */
final class MessageContext implements AutoCloseable {

    private static final String[] KEYS = {"eventId", "videoId", "userId", "traceId", "sqsMessageId"};

    private MessageContext() {
    }

    static MessageContext open(String sqsMessageId, String traceparent) {
        put("sqsMessageId", sqsMessageId);
        if (traceparent != null) {
            String[] parts = traceparent.split("-");
            if (parts.length == 4 && parts[1].matches("[0-9a-f]{32}")) {
                MDC.put("traceId", parts[1]);
            }
        }
        return new MessageContext();
    }

    MessageContext with(NotificationRequested request) {
        put("eventId", request.eventId().toString());
        put("videoId", request.videoId());
        put("userId", request.userId());
        return this;
    }

    private static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        for (String key : KEYS) {
            MDC.remove(key);
        }
    }
}
