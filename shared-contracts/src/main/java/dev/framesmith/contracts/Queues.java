package dev.framesmith.contracts;

import java.util.List;

/**
 * Default names of the queues. Each has a dead-letter queue named {@code <queue>-dlq} with a
 * redrive policy. Services take the actual names from configuration; these are the defaults
 * and what the local run and the infrastructure create.
 */
public final class Queues {

    /** ms-video → video-worker: {@link ProcessVideo}. */
    public static final String PROCESSING = "framesmith-video-processing";
    /** video-worker → ms-video: {@link VideoEvent}. */
    public static final String EVENTS = "framesmith-video-events";
    /** ms-video and ms-auth (through its outbox) → ms-notify: {@link NotificationRequested}. */
    public static final String NOTIFICATIONS = "framesmith-notifications";

    /** SES (through its configuration set's SNS topic) → ms-notify: {@link MailFeedback}, bounces and complaints. */
    public static final String FEEDBACK = "framesmith-mail-feedback";

    public static final List<String> ALL = List.of(PROCESSING, EVENTS, NOTIFICATIONS, FEEDBACK);

    private Queues() {
    }

    public static String deadLetter(String queue) {
        return queue + "-dlq";
    }
}
