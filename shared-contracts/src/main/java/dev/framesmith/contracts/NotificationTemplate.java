package dev.framesmith.contracts;

/** The e-mails ms-notify knows how to write. */
public enum NotificationTemplate {
    /** The frames are ready: carries the download link and its expiry. */
    VIDEO_READY,
    /** Processing failed: carries a plain-language reason. */
    VIDEO_FAILED
}
