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
    /** ms-video (and internal callers via ms-notify's API) → ms-notify: {@link NotificationRequested}. */
    public static final String NOTIFICATIONS = "framesmith-notifications";

    public static final List<String> ALL = List.of(PROCESSING, EVENTS, NOTIFICATIONS);

    private Queues() {
    }

    public static String deadLetter(String queue) {
        return queue + "-dlq";
    }
}
