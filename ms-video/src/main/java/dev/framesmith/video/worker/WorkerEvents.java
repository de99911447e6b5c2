package dev.framesmith.video.worker;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoOutcomes;
import dev.framesmith.video.catalog.VideoStarted;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.storage.VideoObjects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies the worker's reports to the video. Idempotent and tolerant of order: every write is conditional on
 * a status the event may move forward from, so a duplicate or late event changes nothing (a PROGRESS after
 * DONE is dropped, a COMPLETED before STARTED still finishes the video). A video's move to PROCESSING is
 * published as {@link VideoStarted}.
 */
@Component
class WorkerEvents {

    private static final Logger log = LoggerFactory.getLogger(WorkerEvents.class);

    private final VideoStore store;
    private final VideoOutcomes outcomes;
    private final VideoObjects objects;
    private final ApplicationEventPublisher events;

    WorkerEvents(VideoStore store, VideoOutcomes outcomes, VideoObjects objects, ApplicationEventPublisher events) {
        this.store = store;
        this.outcomes = outcomes;
        this.objects = objects;
        this.events = events;
    }

    void apply(VideoEvent event) {
        Optional<Video> found = store.find(event.videoId());
        if (found.isEmpty() || !found.get().getUserId().equals(event.userId())) {
            log.warn("Event {} for unknown video {} ignored", event.type(), event.videoId());
            return;
        }
        Video video = found.get();
        if (video.getStatus() == VideoStatus.DELETED) {
            if (event.type().terminal()) {
                // The worker finished a video deleted meanwhile: its archive and contact sheet must not outlive it.
                objects.delete(StorageKeys.frames(video.getUserId(), video.getId()));
                objects.delete(StorageKeys.preview(video.getUserId(), video.getId()));
            }
            log.info("Event {} for deleted video {} ignored", event.type(), video.getId());
            return;
        }
        switch (event.type()) {
            case STARTED -> started(video, Transition.start());
            case PROGRESS -> started(video,
                    Transition.progress(event.progressPercent() == null ? 0 : event.progressPercent()));
            case COMPLETED -> outcomes.completed(video, event.frameCount(), event.zipBytes(), event.durationSeconds(),
                    event.previewBytes(), event.resolution());
            case FAILED -> outcomes.failed(video, event.errorCode(), event.errorMessage(), event.resolution());
        }
    }

    /** Applies a report of a running job; the first that moves the video to PROCESSING tells it started. */
    private void started(Video video, Transition transition) {
        Optional<Video> applied = store.apply(video, transition);
        if (applied.isPresent() && video.getStatus() != VideoStatus.PROCESSING) {
            events.publishEvent(new VideoStarted(applied.get()));
        }
    }
}
