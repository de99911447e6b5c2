package dev.framesmith.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to tell a user something by e-mail, sent on the {@link Queues#NOTIFICATIONS} queue. Which of the
 * optional fields are set depends on the template: each {@link NotificationTemplate} names the
 * {@link NotificationField}s it requires (a video e-mail its {@code videoId}, an account e-mail the {@code userId},
 * the single-use {@code accountToken} and its {@code accountTokenExpiresAt}, from which the renderer builds the link
 * with {@link AccountLinks}; a video e-mail links to the video on the page, {@link VideoLinks}). Values are plain text as the user gave them: the renderer escapes them.
 * {@link #toString()} never shows the account token.
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
        String failureReason,
        String accountToken,
        Instant accountTokenExpiresAt) implements Message {

    public NotificationRequested(UUID eventId, Instant occurredAt, int schemaVersion, NotificationTemplate template,
            String recipientEmail, String recipientName, String userId, String videoId, String filename,
            Integer frameCount, String failureReason,
            String accountToken, Instant accountTokenExpiresAt) {
        this.eventId = Require.present(eventId, "eventId");
        this.occurredAt = Require.present(occurredAt, "occurredAt");
        this.schemaVersion = Require.schemaVersion(schemaVersion);
        this.template = Require.present(template, "template");
        this.recipientEmail = Require.text(recipientEmail, "recipientEmail");
        this.recipientName = recipientName;
        this.userId = userId;
        this.videoId = videoId;
        this.filename = filename;
        this.frameCount = frameCount;
        this.failureReason = failureReason;
        this.accountToken = accountToken;
        this.accountTokenExpiresAt = accountTokenExpiresAt;
        template.requireFields(this);
    }

    /**
     * The frames are ready. It carries no link to the archive: the e-mail links to the page ({@link VideoLinks}),
     * which asks for a fresh short-lived one when the owner clicks.
     */
    public static NotificationRequested videoReady(UUID eventId, String email, String name, String userId, String videoId,
            String filename, int frameCount) {
        return new NotificationRequested(eventId, Instant.now(), SCHEMA_VERSION, NotificationTemplate.VIDEO_READY, email,
                name, userId, videoId, filename, frameCount, null, null, null);
    }

    public static NotificationRequested videoFailed(UUID eventId, String email, String name, String userId, String videoId,
            String filename, String reason) {
        return new NotificationRequested(eventId, Instant.now(), SCHEMA_VERSION, NotificationTemplate.VIDEO_FAILED, email,
                name, userId, videoId, filename, null, reason, null, null);
    }

    /**
     * Confirm an address. It carries no name: the name was typed by whoever registered, who may not own the
     * address, and this is the one e-mail that goes to an address nobody has confirmed yet.
     */
    public static NotificationRequested verifyEmail(UUID eventId, Instant occurredAt, String email, String userId,
            String token, Instant expiresAt) {
        return new NotificationRequested(eventId, occurredAt, SCHEMA_VERSION, NotificationTemplate.VERIFY_EMAIL, email,
                null, userId, null, null, null, null, token, expiresAt);
    }

    /**
     * Reset a password. To an unverified address too, then without a name: the account's name was typed by whoever
     * registered the address, who may not own it.
     */
    public static NotificationRequested resetPassword(UUID eventId, Instant occurredAt, String email, String name,
            String userId, String token, Instant expiresAt) {
        return new NotificationRequested(eventId, occurredAt, SCHEMA_VERSION, NotificationTemplate.RESET_PASSWORD,
                email, name, userId, null, null, null, null, token, expiresAt);
    }

    @Override
    public String toString() {
        return "NotificationRequested[eventId=" + eventId + ", template=" + template + ", userId=" + userId
                + ", videoId=" + videoId + ", accountToken=" + (accountToken == null ? "null" : "(hidden)") + "]";
    }
}
