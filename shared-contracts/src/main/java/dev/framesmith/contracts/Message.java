package dev.framesmith.contracts;

import java.time.Instant;
import java.util.UUID;

/** What every message on a Framesmith queue carries. */
public sealed interface Message permits ProcessVideo, VideoEvent, NotificationRequested, MailFeedback {

    /** The schema version written by this code. Readers accept this one and older ones. */
    int SCHEMA_VERSION = 1;

    /** Idempotency key: a consumer that has seen it acts on it at most once. */
    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** The video the message is about; absent on an account e-mail. */
    String videoId();

    /** The user concerned; may be absent on a video notification asked for by an internal caller. */
    String userId();
}
