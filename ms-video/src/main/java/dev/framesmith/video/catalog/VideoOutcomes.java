package dev.framesmith.video.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * How a video finishes, whoever finishes it (worker event, processing dead-letter queue, sweeper): the
 * forward-only move to DONE or FAILED, then {@link VideoFinished} for what follows (the slot, the next video, the
 * e-mail). A replayed terminal report publishes the event again, so it repairs what an interrupted first run left
 * undone.
 * <p>
 * The listeners are plain synchronous {@code @EventListener}s: they run in the caller's thread, in order, before
 * {@code publishEvent} returns, so an exception from any of them reaches the caller — the SQS listener — and the
 * message is delivered again (at least once). Not {@code @TransactionalEventListener} (there is no transaction) and
 * not asynchronous (the message would be acknowledged before the slot is freed and the owner told).
 * <p>
 * The move that finishes a video records its time from the start of the upload in
 * {@code framesmith.video.turnaround.seconds{outcome=done|failed, resolution}}, once (a replay does not move it
 * again), with the source's resolution class as the worker reported it ({@code unknown} when it did not).
 */
@Component
public class VideoOutcomes {

    /** From 2 seconds to 6 hours: a short clip on an idle system to a long video behind a backlog. */
    private static final Duration[] BUCKETS = {Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6)};

    private final VideoStore store;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    VideoOutcomes(VideoStore store, ApplicationEventPublisher events, MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.meters = meters;
    }

    /** @param resolution the source's resolution class, {@code null} when not known */
    public void completed(Video video, int frameCount, long zipBytes, Double durationSeconds, Long previewBytes,
            String resolution) {
        Optional<Video> done = store.apply(video,
                Transition.complete(frameCount, zipBytes, durationSeconds, previewBytes));
        done.ifPresent(finished -> turnaround(finished, resolution));
        finished(done.or(() -> store.find(video.getId())));
    }

    /**
     * Fails an active video (the worker's report, or its job dead-lettered).
     *
     * @param resolution the source's resolution class, {@code null} when not known
     */
    public void failed(Video video, String code, String message, String resolution) {
        Optional<Video> failed = store.apply(video, Transition.fail(code, message));
        failed.ifPresent(finished -> turnaround(finished, resolution));
        finished(failed.or(() -> store.find(video.getId())));
    }

    /**
     * Fails a PROCESSING video unchanged since it was read (the sweeper's stale check).
     *
     * @return whether this call failed it
     */
    public boolean stalled(Video video) {
        Optional<Video> failed = store.apply(video, Transition.stall());
        failed.ifPresent(finished -> turnaround(finished, null));
        finished(failed);
        return failed.isPresent();
    }

    /**
     * Repeats what follows a video's end (slot, next video, e-mail, stopping its job) for a video already DONE or
     * FAILED: what an interrupted first run left undone is done, the rest is a no-op.
     */
    public void finishAgain(Video video) {
        finished(Optional.of(video));
    }

    private void turnaround(Video finished, String resolution) {
        if (finished.getCreatedAt() == null || finished.getUpdatedAt() == null) {
            return;
        }
        Timer.builder("framesmith.video.turnaround.seconds")
                .description("Time from the start of a video's upload to DONE or FAILED")
                .tag("outcome", finished.getStatus().name().toLowerCase(Locale.ROOT))
                .tag("resolution", resolution == null ? "unknown" : resolution)
                .serviceLevelObjectives(BUCKETS)
                .register(meters)
                .record(Duration.between(finished.getCreatedAt(), finished.getUpdatedAt()));
    }

    private void finished(Optional<Video> current) {
        current.filter(video -> video.getStatus() == VideoStatus.DONE || video.getStatus() == VideoStatus.FAILED)
                .ifPresent(video -> events.publishEvent(new VideoFinished(video)));
    }
}
