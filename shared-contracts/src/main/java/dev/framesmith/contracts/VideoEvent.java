package dev.framesmith.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The worker's report on a job, sent on the {@link Queues#EVENTS} queue. Which optional fields are
 * set depends on the {@link #type()}: {@code progressPercent} for PROGRESS; {@code frameCount},
 * {@code zipBytes} and {@code durationSeconds} for COMPLETED, with {@code previewBytes} when a contact sheet was
 * written ({@link StorageKeys#preview}); {@code errorCode} and {@code errorMessage} for FAILED. {@code resolution},
 * on COMPLETED and FAILED once the worker has probed the source, is its picture's class ({@code sd}, {@code hd},
 * {@code fullhd}, {@code qhd}, {@code uhd}), which labels ms-video's turnaround times.
 */
public record VideoEvent(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String videoId,
        String userId,
        VideoEventType type,
        Integer progressPercent,
        Integer frameCount,
        Long zipBytes,
        Double durationSeconds,
        String errorCode,
        String errorMessage,
        Long previewBytes,
        String resolution) implements Message {

    public VideoEvent {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.schemaVersion(schemaVersion);
        Require.text(videoId, "videoId");
        Require.text(userId, "userId");
        Require.present(type, "type");
        if (progressPercent != null && (progressPercent < 0 || progressPercent > 100)) {
            throw new IllegalArgumentException("progressPercent must be between 0 and 100");
        }
        if (type == VideoEventType.COMPLETED) {
            Require.present(frameCount, "frameCount");
            Require.present(zipBytes, "zipBytes");
        }
        if (previewBytes != null && (type != VideoEventType.COMPLETED || previewBytes <= 0)) {
            throw new IllegalArgumentException("previewBytes is the positive size of a COMPLETED video's preview");
        }
        if (type == VideoEventType.FAILED) {
            Require.text(errorCode, "errorCode");
        }
        if (resolution != null && !resolution.matches("[a-z]{1,16}")) {
            throw new IllegalArgumentException("resolution must be a class name such as fullhd");
        }
    }

    public static VideoEvent started(String videoId, String userId) {
        return of(videoId, userId, VideoEventType.STARTED, 0, null, null, null, null, null);
    }

    public static VideoEvent progress(String videoId, String userId, int percent) {
        return of(videoId, userId, VideoEventType.PROGRESS, percent, null, null, null, null, null);
    }

    public static VideoEvent completed(String videoId, String userId, int frameCount, long zipBytes, double durationSeconds) {
        return completed(videoId, userId, frameCount, zipBytes, durationSeconds, null);
    }

    /** @param previewBytes the size of the contact sheet written beside the ZIP, or {@code null} without one */
    public static VideoEvent completed(String videoId, String userId, int frameCount, long zipBytes,
            double durationSeconds, Long previewBytes) {
        return new VideoEvent(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, videoId, userId,
                VideoEventType.COMPLETED, 100, frameCount, zipBytes, durationSeconds, null, null, previewBytes, null);
    }

    public static VideoEvent failed(String videoId, String userId, String errorCode, String errorMessage) {
        return of(videoId, userId, VideoEventType.FAILED, null, null, null, null, errorCode, errorMessage);
    }

    /** This COMPLETED or FAILED report with the source's resolution class, {@code null} while it is not known. */
    public VideoEvent withResolution(String resolutionClass) {
        return new VideoEvent(eventId, occurredAt, schemaVersion, videoId, userId, type, progressPercent, frameCount,
                zipBytes, durationSeconds, errorCode, errorMessage, previewBytes, resolutionClass);
    }

    private static VideoEvent of(String videoId, String userId, VideoEventType type, Integer percent, Integer frames,
            Long zipBytes, Double duration, String errorCode, String errorMessage) {
        return new VideoEvent(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, videoId, userId, type, percent, frames,
                zipBytes, duration, errorCode, errorMessage, null, null);
    }
}
