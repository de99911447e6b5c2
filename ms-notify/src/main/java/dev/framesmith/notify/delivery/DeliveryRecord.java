package dev.framesmith.notify.delivery;

import java.time.Instant;

/**
 * The delivery log entry of one notification, keyed by its event id.
 *
 * @param attempts     how many times a consumer tried to send it
 * @param sesMessageId SES's id of the sent e-mail
 * @param error        why it failed, or why the last attempt failed
 */
public record DeliveryRecord(
        String eventId,
        DeliveryStatus status,
        String template,
        String recipient,
        String videoId,
        String userId,
        int attempts,
        String sesMessageId,
        String error,
        Instant createdAt,
        Instant updatedAt) {
}
