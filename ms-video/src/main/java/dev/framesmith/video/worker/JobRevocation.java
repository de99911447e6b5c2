package dev.framesmith.video.worker;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoFinished;
import dev.framesmith.video.catalog.VideoRemoved;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.storage.VideoObjects;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stops the worker's job of a video that failed here (its job dead-lettered, or stalled) or was deleted: removes the
 * job's claim object, which the worker renews on every heartbeat; a worker that finds its claim gone stops the job
 * and drops its message. Idempotent, first among what follows a video's end, and its failure reaches the publisher,
 * so it is tried again.
 */
@Component
class JobRevocation {

    private final VideoObjects objects;

    JobRevocation(VideoObjects objects) {
        this.objects = objects;
    }

    @EventListener
    @Order(0)
    void on(VideoFinished finished) {
        Video video = finished.video();
        if (video.getStatus() == VideoStatus.FAILED) {
            objects.delete(StorageKeys.jobClaim(video.getUserId(), video.getId()));
        }
    }

    @EventListener
    void on(VideoRemoved removed) {
        objects.delete(StorageKeys.jobClaim(removed.userId(), removed.videoId()));
    }
}
