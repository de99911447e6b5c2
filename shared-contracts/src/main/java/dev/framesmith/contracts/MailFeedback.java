package dev.framesmith.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * What SES tells about sent mail (a bounce, a complaint, a delivery), as SES event publishing hands it to SNS and
 * SNS to the {@link Queues#FEEDBACK} queue: an SNS notification whose {@code Message} is the SES event as JSON text.
 * The SNS message id is the idempotency key. Only the SNS topic of the SES configuration set may send to that queue.
 *
 * @param eventId    the SNS {@code MessageId}
 * @param occurredAt the SNS {@code Timestamp}
 * @param type       the SNS {@code Type}, {@code Notification}
 * @param sesEvent   the SNS {@code Message}: the SES event, JSON text read by its consumer
 */
public record MailFeedback(
        @JsonProperty("MessageId") UUID eventId,
        @JsonProperty("Timestamp") Instant occurredAt,
        @JsonProperty("Type") String type,
        @JsonProperty("Message") String sesEvent) implements Message {

    public MailFeedback {
        Require.present(eventId, "MessageId");
        Require.present(occurredAt, "Timestamp");
        Require.text(sesEvent, "Message");
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** Feedback is about an address, never a video. */
    @Override
    public String videoId() {
        return null;
    }

    /** SES does not know the user; the address is in the event. */
    @Override
    public String userId() {
        return null;
    }
}
