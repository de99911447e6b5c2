package dev.framesmith.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to tell a user something by e-mail, sent on the {@link Queues#NOTIFICATIONS} queue.
 * For {@link NotificationTemplate#VIDEO_READY} the {@code frameCount}, {@code downloadUrl} and
 * {@code downloadExpiresAt} are set; for {@link NotificationTemplate#VIDEO_FAILED} the
 * {@code failureReason}. Values are plain text as the user gave them: the renderer escapes them.
 */
public record NotificationRequested(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        NotificationTemplate template,
        String recipientEmail,
        String recipientName,
        String userId,
        String videoId,
        String filename,
        Integer frameCount,
        String downloadUrl,
        Instant downloadExpiresAt,
        String failureReason) implements Message {

    public NotificationRequested {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.schemaVersion(schemaVersion);
        Require.present(template, "template");
        Require.text(recipientEmail, "recipientEmail");
        Require.text(videoId, "videoId");
        if (template == NotificationTemplate.VIDEO_READY) {
            Require.text(downloadUrl, "downloadUrl");
            Require.present(downloadExpiresAt, "downloadExpiresAt");
        }
        if (template == NotificationTemplate.VIDEO_FAILED) {
            Require.text(failureReason, "failureReason");
        }
    }

    public static NotificationRequested videoReady(UUID eventId, String email, String name, String userId, String videoId,
            String filename, int frameCount, String downloadUrl, Instant downloadExpiresAt) {
        return new NotificationRequested(eventId, Instant.now(), SCHEMA_VERSION, NotificationTemplate.VIDEO_READY, email,
                name, userId, videoId, filename, frameCount, downloadUrl, downloadExpiresAt, null);
    }

    public static NotificationRequested videoFailed(UUID eventId, String email, String name, String userId, String videoId,
            String filename, String reason) {
        return new NotificationRequested(eventId, Instant.now(), SCHEMA_VERSION, NotificationTemplate.VIDEO_FAILED, email,
                name, userId, videoId, filename, null, null, null, reason);
    }
}
