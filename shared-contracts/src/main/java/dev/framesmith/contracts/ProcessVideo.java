package dev.framesmith.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A job for the worker: take frames from {@code sourceKey} and write the ZIP to {@code framesKey}.
 * Sent by ms-video on the {@link Queues#PROCESSING} queue.
 *
 * @param sourceEtag the ETag of the source object ms-video checked; the worker reads only that object (absent in
 *                   jobs of videos recorded before ETags were kept)
 */
public record ProcessVideo(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String videoId,
        String userId,
        String bucket,
        String sourceKey,
        String framesKey,
        ExtractionOptions options,
        String sourceEtag) implements Message {

    public ProcessVideo {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.schemaVersion(schemaVersion);
        Require.text(videoId, "videoId");
        Require.text(userId, "userId");
        Require.text(bucket, "bucket");
        Require.text(sourceKey, "sourceKey");
        Require.text(framesKey, "framesKey");
        options = options == null ? ExtractionOptions.DEFAULT : options;
    }

    public static ProcessVideo of(String videoId, String userId, String bucket, ExtractionOptions options,
            String sourceEtag) {
        return new ProcessVideo(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, videoId, userId, bucket,
                StorageKeys.source(userId, videoId), StorageKeys.frames(userId, videoId), options, sourceEtag);
    }
}
