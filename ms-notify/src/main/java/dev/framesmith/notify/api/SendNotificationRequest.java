package dev.framesmith.notify.api;

import dev.framesmith.contracts.Message;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification to send, as an internal caller asks for it: the fields of {@link NotificationRequested}
 * without the envelope. {@code eventId} is optional: give one to make retries of the same request
 * idempotent.
 */
@Schema(description = "A notification to send. Each template needs its own fields besides the common ones; the"
        + " template's description lists them.")
record SendNotificationRequest(
        @Schema(description = "Idempotency key; generated when absent") UUID eventId,
        @NotNull NotificationTemplate template,
        @NotBlank @Email @Size(max = 254) String recipientEmail,
        @Size(max = 200) String recipientName,
        @Size(max = 100) String userId,
        @NotBlank @Size(max = 100) String videoId,
        @Size(max = 255) String filename,
        @PositiveOrZero Integer frameCount,
        @Schema(description = "Absolute http(s) URL of the ZIP archive") String downloadUrl,
        Instant downloadExpiresAt,
        @Size(max = 1000) String failureReason) {

    NotificationRequested toMessage(UUID generatedId, Instant now) {
        return new NotificationRequested(eventId == null ? generatedId : eventId, now, Message.SCHEMA_VERSION,
                template, recipientEmail, recipientName, userId, videoId, filename, frameCount, downloadUrl,
                downloadExpiresAt, failureReason, null, null);
    }
}
