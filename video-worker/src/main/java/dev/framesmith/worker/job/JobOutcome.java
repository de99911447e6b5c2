package dev.framesmith.worker.job;

import java.util.Locale;

/** How the handling of one message ended, as counted in {@code framesmith.worker.jobs}. */
public enum JobOutcome {
    /** Frames extracted and uploaded, COMPLETED published. */
    COMPLETED,
    /** The ZIP already existed with the same options: COMPLETED published again, nothing redone. */
    REUSED,
    /** The video cannot be processed: FAILED published. */
    FAILED,
    /** A passing error: the message returns after a back-off and is tried again. */
    RETRIED,
    /** Stopped by shutdown: the message was made visible again at once. */
    RELEASED,
    /** Another message holds the video's claim: this duplicate was dropped without work. */
    DUPLICATE,
    /** The claim was lost while the job ran (ms-video failed or deleted the video): stopped, the message dropped. */
    STOPPED,
    /** Unreadable message: moved to the dead-letter queue. */
    MALFORMED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
