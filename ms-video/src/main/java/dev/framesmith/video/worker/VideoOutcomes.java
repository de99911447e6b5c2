package dev.framesmith.video.worker;

import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.dispatch.FairDispatcher;
import dev.framesmith.video.notify.Notifications;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What happens when a video finishes, whoever finishes it (worker event, processing dead-letter queue,
 * sweeper): the forward-only write to DONE or FAILED, the slot given back, the user's next waiting video
 * dispatched, and the one notification. Every step may run again for the same video without effect, so a
 * replayed terminal event repairs what an interrupted first run left undone.
 */
@Component
public class VideoOutcomes {

    private final VideoStore store;
    private final FairDispatcher dispatcher;
    private final Notifications notifications;

    VideoOutcomes(VideoStore store, FairDispatcher dispatcher, Notifications notifications) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.notifications = notifications;
    }

    void completed(Video video, int frameCount, long zipBytes, Double durationSeconds) {
        Optional<Video> done = store.apply(video, Transition.complete(frameCount, zipBytes, durationSeconds));
        settle(done.or(() -> store.find(video.getId())));
    }

    /** Fails an active video (the worker's report, or its job dead-lettered). */
    void failed(Video video, String code, String message) {
        Optional<Video> failed = store.apply(video, Transition.fail(code, message));
        settle(failed.or(() -> store.find(video.getId())));
    }

    /**
     * Fails a PROCESSING video unchanged since it was read (the sweeper's stale check).
     *
     * @return whether this call failed it
     */
    public boolean stalled(Video video) {
        Optional<Video> failed = store.apply(video, Transition.stall());
        settle(failed);
        return failed.isPresent();
    }

    private void settle(Optional<Video> current) {
        current.filter(video -> video.getStatus() == VideoStatus.DONE || video.getStatus() == VideoStatus.FAILED)
                .ifPresent(video -> {
                    dispatcher.release(video.getUserId(), video.getId());
                    dispatcher.fillSlots(video.getUserId());
                    notifications.notifyOnce(video);
                });
    }
}
