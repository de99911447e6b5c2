package dev.framesmith.contracts;

import java.util.function.Function;

/**
 * The fields of a {@link NotificationRequested} that only some templates need; each {@link NotificationTemplate}
 * names the ones it requires.
 */
public enum NotificationField {
    VIDEO_ID("videoId", Kind.TEXT, NotificationRequested::videoId),
    USER_ID("userId", Kind.TEXT, NotificationRequested::userId),
    FRAME_COUNT("frameCount", Kind.COUNT, NotificationRequested::frameCount),
    FAILURE_REASON("failureReason", Kind.TEXT, NotificationRequested::failureReason),
    /** A single-use account token; never shown, only put into its {@link AccountLinks} link. */
    ACCOUNT_TOKEN("accountToken", Kind.TEXT, NotificationRequested::accountToken),
    ACCOUNT_TOKEN_EXPIRES_AT("accountTokenExpiresAt", Kind.EXPIRY, NotificationRequested::accountTokenExpiresAt);

    /** What a field holds, which decides how it is checked. */
    public enum Kind {
        /** Text for the reader: present when not blank. */
        TEXT,
        /** When something ends; must still be ahead when the notification is asked for. */
        EXPIRY,
        /** A number. */
        COUNT
    }

    private final String property;
    private final Kind kind;
    private final Function<NotificationRequested, Object> value;

    NotificationField(String property, Kind kind, Function<NotificationRequested, Object> value) {
        this.property = property;
        this.kind = kind;
        this.value = value;
    }

    /** Its name in the JSON message and in the API request. */
    public String property() {
        return property;
    }

    public Kind kind() {
        return kind;
    }

    /** The field's value in a notification, or {@code null}. */
    public Object valueIn(NotificationRequested notification) {
        return value.apply(notification);
    }

    /** Whether a value counts as given: not null, and for text not blank. */
    public boolean isPresent(Object value) {
        return value != null && !(value instanceof String text && text.isBlank());
    }
}
