package dev.framesmith.notify.delivery;

/** Where the delivery of one notification stands. */
public enum DeliveryStatus {
    /** A consumer owns it and is sending, or the last attempt failed and will be tried again. */
    SENDING,
    /** SES accepted the e-mail. */
    SENT,
    /** It will not be sent: SES refused it for good, or every attempt failed. */
    FAILED
}
