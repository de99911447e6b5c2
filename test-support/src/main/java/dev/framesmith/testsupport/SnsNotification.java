package dev.framesmith.testsupport;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The notification SNS delivers to a subscribed queue, around the message published to its topic. */
public final class SnsNotification {

    private SnsNotification() {
    }

    /** @param message the published message (for SES's event destination, the SES event as JSON text) */
    public static String around(String topic, String message) {
        return Api.JSON.writeValueAsString(Map.of("Type", "Notification", "MessageId", UUID.randomUUID().toString(),
                "TopicArn", "arn:aws:sns:us-east-1:000000000000:" + topic, "Message", message,
                "Timestamp", Instant.now().toString(), "SignatureVersion", "1"));
    }
}
