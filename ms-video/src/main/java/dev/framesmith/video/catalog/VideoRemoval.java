package dev.framesmith.video.catalog;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.video.storage.VideoObjects;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Deletes a video: marks it DELETED (from then on it is invisible and the worker's events about it are
 * ignored), removes its raw file (sealed while its upload URL lives), frame archive and contact sheet, then
 * publishes {@link VideoRemoved} (dispatch gives the slot back and lets the next waiting video run; the worker's
 * claim is removed), also when the clean-up failed. Repeating a delete repeats the whole clean-up, an open direct
 * upload's abort included, so a delete interrupted by an S3 error can be retried.
 */
@Component
class VideoRemoval {

    private static final Logger log = LoggerFactory.getLogger(VideoRemoval.class);

    private final VideoStore store;
    private final VideoObjects objects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VideoRemoval(VideoStore store, VideoObjects objects, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.events = events;
        this.clock = clock;
    }

    void delete(Video video) {
        store.apply(video, Transition.delete());
        try {
            String source = StorageKeys.source(video.getUserId(), video.getId());
            // Already DELETED: an earlier delete stopped part-way, perhaps before it aborted the upload.
            if (video.getUploadId() != null && (video.getStatus() == VideoStatus.UPLOADING
                    || video.getStatus() == VideoStatus.DELETED)) {
                objects.abortMultipart(source, video.getUploadId());
            }
            objects.removeSource(source, video.putUrlLiveAt(Timestamps.now(clock)));
            objects.delete(StorageKeys.frames(video.getUserId(), video.getId()));
            objects.delete(StorageKeys.preview(video.getUserId(), video.getId()));
        } finally {
            // The slot and the worker's claim are given back even when the clean-up failed (the user may repeat it).
            events.publishEvent(new VideoRemoved(video.getId(), video.getUserId()));
        }
        log.info("Video {} deleted (was {})", video.getId(), video.getStatus());
    }
}
