package dev.framesmith.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to tell a user something by e-mail, sent on the {@link Queues#NOTIFICATIONS} queue. Which of the
 * optional fields are set depends on the template: each {@link NotificationTemplate} names the
 * {@link NotificationField}s it requires. Values are plain text as the user gave them: the renderer escapes them.
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

    public NotificationRequested(UUID eventId, Instant occurredAt, int schemaVersion, NotificationTemplate template,
            String recipientEmail, String recipientName, String userId, String videoId, String filename,
            Integer frameCount, String downloadUrl, Instant downloadExpiresAt, String failureReason) {
        this.eventId = Require.present(eventId, "eventId");
        this.occurredAt = Require.present(occurredAt, "occurredAt");
        this.schemaVersion = Require.schemaVersion(schemaVersion);
        this.template = Require.present(template, "template");
        this.recipientEmail = Require.text(recipientEmail, "recipientEmail");
        this.recipientName = recipientName;
        this.userId = userId;
        this.videoId = Require.text(videoId, "videoId");
        this.filename = filename;
        this.frameCount = frameCount;
        this.downloadUrl = downloadUrl;
        this.downloadExpiresAt = downloadExpiresAt;
        this.failureReason = failureReason;
        template.requireFields(this);
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
