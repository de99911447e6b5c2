package dev.framesmith.contracts;

/** The e-mails ms-notify knows how to write. */
public enum NotificationTemplate {
    /** The frames are ready: carries the download link and its expiry. */
    VIDEO_READY,
    /** Processing failed: carries a plain-language reason. */
    VIDEO_FAILED,
    /**
     * Confirm a new account's e-mail address: carries the single-use token and its expiry; the link is
     * {@link AccountLinks#link}. Sent by ms-auth, the only e-mail that may go to an unverified address.
     */
    VERIFY_EMAIL,
    /** Reset a forgotten password: carries the single-use token and its expiry. Sent by ms-auth. */
    RESET_PASSWORD;

    /** Whether the e-mail is about the account (sent by ms-auth, carrying a token) rather than a video. */
    public boolean isAccountEmail() {
        return this == VERIFY_EMAIL || this == RESET_PASSWORD;
    }
}
