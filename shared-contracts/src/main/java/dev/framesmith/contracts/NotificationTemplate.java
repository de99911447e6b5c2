package dev.framesmith.contracts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The e-mails ms-notify knows how to write, each with the fields it requires. Adding one is this constant and its
 * two files in ms-notify, {@code mail/<name>.html} and {@code mail/<name>.txt} (the first line of the text file is
 * its {@code Subject:}); checks, rendering and the API follow from here.
 */
public enum NotificationTemplate {
    /** The frames are ready: carries the download link and its expiry. */
    VIDEO_READY(NotificationField.DOWNLOAD_URL, NotificationField.DOWNLOAD_EXPIRES_AT),
    /** Processing failed: carries a plain-language reason. */
    VIDEO_FAILED(NotificationField.FAILURE_REASON);

    private final Set<NotificationField> requiredFields;

    NotificationTemplate(NotificationField... requiredFields) {
        EnumSet<NotificationField> fields = EnumSet.noneOf(NotificationField.class);
        fields.addAll(Arrays.asList(requiredFields));
        this.requiredFields = Set.copyOf(fields);
    }

    public Set<NotificationField> requiredFields() {
        return requiredFields;
    }

    /** The base name of its files: {@code VIDEO_READY} is {@code video-ready}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Refuses a notification of this template that lacks one of its required fields. */
    void requireFields(NotificationRequested notification) {
        for (NotificationField field : requiredFields) {
            if (!field.isPresent(field.valueIn(notification))) {
                throw new IllegalArgumentException(field.property() + " is required for " + name());
            }
        }
    }
}
