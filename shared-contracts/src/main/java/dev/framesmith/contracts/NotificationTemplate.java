package dev.framesmith.contracts;

import static dev.framesmith.contracts.NotificationField.ACCOUNT_TOKEN;
import static dev.framesmith.contracts.NotificationField.ACCOUNT_TOKEN_EXPIRES_AT;
import static dev.framesmith.contracts.NotificationField.FAILURE_REASON;
import static dev.framesmith.contracts.NotificationField.USER_ID;
import static dev.framesmith.contracts.NotificationField.VIDEO_ID;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The e-mails ms-notify knows how to write, each with the fields it requires. Adding one is this constant and its
 * two files in ms-notify, {@code mail/<name>.html} and {@code mail/<name>.txt} (the first line of the text file is
 * its {@code Subject:}); checks, rendering and the API follow from here. ms-notify does not start while a template
 * lacks its files.
 */
public enum NotificationTemplate {
    /**
     * The frames are ready: links to the video on the page ({@link VideoLinks}), which signs a fresh short-lived link
     * to the archive when its owner clicks; a presigned link in an e-mail would die with the signing credentials.
     */
    VIDEO_READY(VIDEO_ID),
    /** Processing failed: carries a plain-language reason. */
    VIDEO_FAILED(VIDEO_ID, FAILURE_REASON),
    /**
     * Confirm a new account's e-mail address: carries the single-use token and its expiry; the link is
     * {@link AccountLinks#link}. Sent by ms-auth; with {@link #RESET_PASSWORD}, the only e-mails that may go to an
     * unverified address.
     */
    VERIFY_EMAIL(USER_ID, ACCOUNT_TOKEN, ACCOUNT_TOKEN_EXPIRES_AT),
    /** Reset a forgotten password: carries the single-use token and its expiry. Sent by ms-auth. */
    RESET_PASSWORD(USER_ID, ACCOUNT_TOKEN, ACCOUNT_TOKEN_EXPIRES_AT);

    private final Set<NotificationField> requiredFields;

    NotificationTemplate(NotificationField... requiredFields) {
        EnumSet<NotificationField> fields = EnumSet.noneOf(NotificationField.class);
        fields.addAll(Arrays.asList(requiredFields));
        this.requiredFields = Set.copyOf(fields);
    }

    public Set<NotificationField> requiredFields() {
        return requiredFields;
    }

    /** Whether the e-mail is about the account (sent by ms-auth, carrying a token) rather than a video. */
    public boolean isAccountEmail() {
        return requiredFields.contains(ACCOUNT_TOKEN);
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
