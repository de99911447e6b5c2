package dev.framesmith.video.catalog;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a video is in its life. Transitions only go forward:
 * {@code UPLOADING → UPLOADED → WAITING → QUEUED → PROCESSING → DONE | FAILED}; an upload that is never
 * completed ends {@code EXPIRED}; any video may end {@code DELETED}.
 */
public enum VideoStatus {
    UPLOADING,
    UPLOADED,
    WAITING,
    QUEUED,
    PROCESSING,
    DONE,
    FAILED,
    EXPIRED,
    DELETED;

    /** Uploaded and not finished: the statuses a worker event or a dispatch may move forward. */
    public static final Set<VideoStatus> ACTIVE = EnumSet.of(UPLOADED, WAITING, QUEUED, PROCESSING);

    /**
     * Waiting for something other than a worker: the owner's direct upload, or a free slot. A user has few at once
     * (both are capped), and the table indexes them apart from the user's history.
     */
    public static final Set<VideoStatus> PENDING = EnumSet.of(UPLOADING, WAITING);

    /** Every status but {@code DELETED}: what a delete may start from. */
    public static final Set<VideoStatus> NOT_DELETED = EnumSet.complementOf(EnumSet.of(DELETED));

    /** The video holds one of its user's processing slots. */
    public boolean holdsSlot() {
        return this == QUEUED || this == PROCESSING;
    }

    /** Nothing will happen to the video any more, except a delete. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == EXPIRED || this == DELETED;
    }
}
