package dev.framesmith.video.catalog;

import static dev.framesmith.video.catalog.VideoStatus.DELETED;
import static dev.framesmith.video.catalog.VideoStatus.DONE;
import static dev.framesmith.video.catalog.VideoStatus.EXPIRED;
import static dev.framesmith.video.catalog.VideoStatus.FAILED;
import static dev.framesmith.video.catalog.VideoStatus.PROCESSING;
import static dev.framesmith.video.catalog.VideoStatus.QUEUED;
import static dev.framesmith.video.catalog.VideoStatus.UPLOADED;
import static dev.framesmith.video.catalog.VideoStatus.UPLOADING;
import static dev.framesmith.video.catalog.VideoStatus.WAITING;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A named move in a video's life: the only way an existing video changes status. Each one owns the statuses it may
 * start from (the condition of its write, so a duplicate or late move changes nothing) and the fields it writes.
 * {@link VideoStore#apply(Video, Transition)} performs it.
 */
public final class Transition {

    /** The moves, each with its target status and the statuses it may start from. */
    public enum Name {
        /** A direct upload still in progress got fresh URLs: its deadline moves. */
        RENEW_UPLOAD(UPLOADING, EnumSet.of(UPLOADING), false),
        /** A direct upload was completed and its object checked. */
        FINISH_UPLOAD(UPLOADED, EnumSet.of(UPLOADING), false),
        /** No free slot: the video waits its turn. */
        WAIT(WAITING, EnumSet.of(UPLOADED), false),
        /** The job was sent to the worker. */
        QUEUE(QUEUED, EnumSet.of(UPLOADED, WAITING), false),
        /** The job of a queued video was sent again, by whoever read it last (the sweeper). */
        RESEND(QUEUED, EnumSet.of(QUEUED), true),
        /** The worker started. */
        START(PROCESSING, EnumSet.of(UPLOADED, WAITING, QUEUED), false),
        /** The worker reports progress: raises it, and is a sign of life even when it does not. */
        PROGRESS(PROCESSING, EnumSet.of(UPLOADED, WAITING, QUEUED, PROCESSING), false),
        /** The worker finished. */
        COMPLETE(DONE, VideoStatus.ACTIVE, false),
        /** The worker gave up, or the job was dead-lettered. */
        FAIL(FAILED, VideoStatus.ACTIVE, false),
        /** No sign of life from the worker since the video was read (the sweeper). */
        STALL(FAILED, EnumSet.of(PROCESSING), true),
        /** A direct upload never completed, unchanged since it was read (the sweeper). */
        EXPIRE(EXPIRED, EnumSet.of(UPLOADING), true),
        /** The owner deleted it. */
        DELETE(DELETED, VideoStatus.NOT_DELETED, false);

        private final VideoStatus to;
        private final Set<VideoStatus> from;
        private final boolean unchangedSinceRead;

        Name(VideoStatus to, Set<VideoStatus> from, boolean unchangedSinceRead) {
            this.to = to;
            this.from = Set.copyOf(from);
            this.unchangedSinceRead = unchangedSinceRead;
        }

        public VideoStatus to() {
            return to;
        }

        public Set<VideoStatus> from() {
            return from;
        }

        /** Whether a video in this status may make the move. */
        public boolean allows(VideoStatus status) {
            return from.contains(status);
        }

        /** The move also requires that nobody changed the video since it was read (an optimistic check). */
        public boolean requiresUnchangedSinceRead() {
            return unchangedSinceRead;
        }
    }

    private final Name name;
    private final Integer raisedProgress;
    private final BiConsumer<Video, Instant> fields;

    private Transition(Name name, Integer raisedProgress, BiConsumer<Video, Instant> fields) {
        this.name = name;
        this.raisedProgress = raisedProgress;
        this.fields = fields;
    }

    /** @param expiresAt when the fresh URLs expire */
    public static Transition renewUpload(Instant expiresAt) {
        return new Transition(Name.RENEW_UPLOAD, null, (video, now) -> video.setUploadExpiresAt(expiresAt));
    }

    public static Transition finishUpload(String contentType, String sourceEtag) {
        return new Transition(Name.FINISH_UPLOAD, null, (video, now) -> {
            video.setContentType(contentType);
            video.setSourceEtag(sourceEtag);
        });
    }

    /** @param traceparent the upload's trace context, for the job sent later (none: none kept) */
    public static Transition waitForSlot(String traceparent) {
        return new Transition(Name.WAIT, null, (video, now) -> video.setTraceparent(traceparent));
    }

    /** @param traceparent the upload's trace context, for the job sent again later (none: none kept) */
    public static Transition queue(String traceparent) {
        return new Transition(Name.QUEUE, null, (video, now) -> {
            video.setDispatchedAt(now);
            video.setDispatchAttempts(1);
            video.setTraceparent(traceparent);
        });
    }

    /** @param attempt the number of this dispatch, counting the first */
    public static Transition resend(int attempt) {
        return new Transition(Name.RESEND, null, (video, now) -> {
            video.setDispatchedAt(now);
            video.setDispatchAttempts(attempt);
        });
    }

    public static Transition start() {
        return new Transition(Name.START, null, (video, now) -> { });
    }

    public static Transition progress(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("progress is a percentage");
        }
        return new Transition(Name.PROGRESS, percent, (video, now) -> { });
    }

    /** @param previewBytes the size of the contact sheet beside the ZIP, {@code null} without one */
    public static Transition complete(int frameCount, long zipBytes, Double durationSeconds, Long previewBytes) {
        return new Transition(Name.COMPLETE, null, (video, now) -> {
            video.setProgress(100);
            video.setPreviewBytes(previewBytes);
            video.setFrameCount(frameCount);
            video.setZipBytes(zipBytes);
            video.setDurationSeconds(durationSeconds);
        });
    }

    /** @param code a failure code; the reason shown is {@link FailureReasons#reason(String, String)} */
    public static Transition fail(String code, String message) {
        return new Transition(Name.FAIL, null, failure(code, message));
    }

    public static Transition stall() {
        return new Transition(Name.STALL, null, failure(FailureReasons.PROCESSING_STALLED, null));
    }

    public static Transition expire() {
        return new Transition(Name.EXPIRE, null, (video, now) -> video.setPurgeAt(VideoStore.purgeAt(now)));
    }

    public static Transition delete() {
        return new Transition(Name.DELETE, null, (video, now) -> video.setPurgeAt(VideoStore.purgeAt(now)));
    }

    public Name name() {
        return name;
    }

    /** The percentage a PROGRESS move raises the video to, if it is higher than the stored one. */
    Integer raisedProgress() {
        return raisedProgress;
    }

    /** The item to write: the target status and this move's fields (the store adds the id and the change time). */
    Video changes(Instant now) {
        Video partial = new Video();
        partial.setStatus(name.to());
        fields.accept(partial, now);
        return partial;
    }

    private static BiConsumer<Video, Instant> failure(String code, String message) {
        String reason = FailureReasons.reason(code, message);
        return (video, now) -> {
            video.setErrorCode(code);
            video.setErrorMessage(reason);
        };
    }

    @Override
    public String toString() {
        return name.name();
    }
}
