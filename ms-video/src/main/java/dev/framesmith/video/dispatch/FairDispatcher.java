package dev.framesmith.video.dispatch;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.tracing.Traces;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoFinished;
import dev.framesmith.video.catalog.VideoRemoved;
import dev.framesmith.video.catalog.VideoStarted;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Decides which videos go to the worker: each user has {@code max-in-flight-per-user} slots; a video takes a
 * slot before its job is sent and gives it back when it finishes, and a user's videos that find no free slot
 * wait and go in upload order. At most {@code max-queued-per-user} of a user's jobs wait in the queue for a
 * worker: the next is sent when one starts, so the queue, which delivers in send order, never holds more than
 * that many of one user's jobs before another user's. Sending happens before the QUEUED write, so a crash in
 * between leaves a video UPLOADED or WAITING with its slot held, which the sweeper sends again. Nothing outside
 * this package frees or fills slots: a finished, started or removed video is an event this class listens to. A
 * job is sent in the trace of the request that uploaded its video, kept with the video when it waits or is queued,
 * also when another video's end or the sweeper sends it: one upload stays one trace.
 */
@Component
public class FairDispatcher {

    private static final Logger log = LoggerFactory.getLogger(FairDispatcher.class);

    private final VideoStore store;
    private final Slots slots;
    private final QueueSender queues;
    private final Traces traces;
    private final String processingQueue;
    private final String bucket;
    private final Counter sent;
    private final Counter sendFailed;
    private final Counter waiting;

    FairDispatcher(VideoStore store, Slots slots, QueueSender queues, Traces traces, FramesmithAwsProperties aws,
            MeterRegistry meters) {
        this.store = store;
        this.slots = slots;
        this.queues = queues;
        this.traces = traces;
        this.processingQueue = aws.queues().processing();
        this.bucket = aws.bucket();
        this.sent = meters.counter("framesmith.video.dispatches", "outcome", "sent");
        this.sendFailed = meters.counter("framesmith.video.dispatches", "outcome", "send-failed");
        this.waiting = meters.counter("framesmith.video.dispatches", "outcome", "waiting");
    }

    /**
     * Dispatches an UPLOADED video, or makes it wait for a slot.
     *
     * @return the video afterwards: QUEUED, WAITING, or still UPLOADED when sending failed (the sweeper tries
     *         again)
     */
    public Video dispatchUploaded(Video video) {
        String userId = video.getUserId();
        String trace = video.getTraceparent() != null ? video.getTraceparent() : traces.traceparent();
        Slots.Acquired acquired = slots.acquire(userId, video.getId());
        if (acquired != Slots.Acquired.FULL) {
            return send(video, trace, acquired).orElse(video);
        }
        Optional<Video> parked = store.apply(video, Transition.waitForSlot(trace));
        if (parked.isEmpty()) {
            return store.find(video.getId()).orElse(video);
        }
        waiting.increment();
        // A slot freed between the first attempt and the WAITING write would otherwise stay unused until the
        // next terminal event or sweep: try once more now that the video is visible as WAITING.
        if (slots.acquire(userId, video.getId()) == Slots.Acquired.TAKEN) {
            return send(parked.get(), trace, Slots.Acquired.TAKEN).orElse(parked.get());
        }
        return parked.get();
    }

    /**
     * A finished video gives its slot to the user's next waiting one. Runs first among the listeners, in the
     * publisher's thread: a failure here is the caller's, whose message is then delivered again.
     */
    @EventListener
    @Order(1)
    void on(VideoFinished finished) {
        freeSlot(finished.video().getUserId(), finished.video().getId());
    }

    /** A started video makes room in the queue for the user's next waiting one. */
    @EventListener
    void on(VideoStarted started) {
        started(started.video().getUserId(), started.video().getId());
        fillSlots(started.video().getUserId());
    }

    /** A deleted video gives its slot to the user's next waiting one. */
    @EventListener
    void on(VideoRemoved removed) {
        freeSlot(removed.userId(), removed.videoId());
    }

    private void freeSlot(String userId, String videoId) {
        release(userId, videoId);
        fillSlots(userId);
    }

    /** Gives a video's slot back (idempotent). */
    void release(String userId, String videoId) {
        slots.release(userId, videoId);
    }

    /** The video's job started: it keeps its slot and leaves the queue's share (idempotent). */
    void started(String userId, String videoId) {
        slots.started(userId, videoId);
    }

    /** Fills the user's free slots with their oldest WAITING videos. */
    void fillSlots(String userId) {
        try (Stream<Video> candidates = store.waitingOldestFirst(userId)) {
            Iterator<Video> waitingVideos = candidates.iterator();
            while (waitingVideos.hasNext()) {
                Video candidate = waitingVideos.next();
                Slots.Acquired acquired = slots.acquire(userId, candidate.getId());
                if (acquired == Slots.Acquired.FULL) {
                    return;
                }
                if (acquired != Slots.Acquired.TAKEN) {
                    continue;
                }
                // The list may be older than the video's last change: finished or deleted meanwhile (the slot
                // goes back), or dispatched meanwhile by the sweeper (the slot is its own now).
                Optional<Video> current = store.find(candidate.getId());
                if (current.isEmpty() || current.get().getStatus().finished()) {
                    slots.release(userId, candidate.getId());
                    continue;
                }
                if (current.get().getStatus() != VideoStatus.WAITING) {
                    continue;
                }
                if (send(current.get(), current.get().getTraceparent(), acquired).isEmpty()) {
                    return;
                }
            }
        }
    }

    /**
     * Sends again a video that holds a slot but whose dispatch never reached QUEUED (a crash in between, or a
     * dispatch still under way elsewhere).
     */
    void resumeHeld(Video video) {
        send(video, video.getTraceparent(), Slots.Acquired.ALREADY_HELD);
    }

    /**
     * Sends the job of a QUEUED video again, when no other replica did since {@code video} was read. The
     * worker treats a repeated job as the same job.
     */
    boolean resendQueued(Video video) {
        int attempts = video.getDispatchAttempts() == null ? 1 : video.getDispatchAttempts();
        Optional<Video> claimed = store.apply(video, Transition.resend(attempts + 1));
        if (claimed.isEmpty()) {
            return false;
        }
        sendJob(claimed.get(), claimed.get().getTraceparent());
        sent.increment();
        log.info("Job of video {} sent again (attempt {})", video.getId(), attempts + 1);
        return true;
    }

    /** The user's slot holders. */
    Set<String> slotHolders(String userId) {
        return slots.holders(userId);
    }

    /** The user's slot holders counted as not started. */
    Set<String> queuedHolders(String userId) {
        return slots.queued(userId);
    }

    /**
     * Sends the job and marks the video QUEUED; empty when sending failed. A slot this call took is then given
     * back; one held before stays held: another dispatch of the same video (a replica, or the sweeper) may have
     * sent its job, and the video keeps its slot until it finishes or is removed.
     *
     * @param trace the trace context of the video's upload, kept with it; none: the current one
     * @param slot how the video came to hold its slot in this dispatch
     */
    private Optional<Video> send(Video video, String trace, Slots.Acquired slot) {
        try {
            sendJob(video, trace);
        } catch (RuntimeException e) {
            sendFailed.increment();
            log.warn("Sending the job of video {} failed; it stays {} for the sweeper", video.getId(),
                    video.getStatus(), e);
            if (slot == Slots.Acquired.TAKEN) {
                slots.release(video.getUserId(), video.getId());
            }
            return Optional.empty();
        }
        sent.increment();
        Optional<Video> queued = store.apply(video, Transition.queue(trace));
        if (queued.isPresent()) {
            log.info("Video {} queued for processing", video.getId());
            return queued;
        }
        // The video moved on meanwhile: the worker already reported (fine), or it was deleted or finished, in
        // which case its slot must not stay taken.
        Optional<Video> current = store.find(video.getId());
        if (current.isEmpty() || current.get().getStatus().finished()) {
            slots.release(video.getUserId(), video.getId());
        }
        return Optional.of(current.orElse(video));
    }

    /** Sends the video's job in the trace of its upload, when that is not the current one. */
    private void sendJob(Video video, String trace) {
        if (trace == null || trace.equals(traces.traceparent())) {
            queues.send(processingQueue, job(video));
        } else {
            traces.resume("dispatch", trace, () -> queues.send(processingQueue, job(video)));
        }
    }

    private ProcessVideo job(Video video) {
        return ProcessVideo.of(video.getId(), video.getUserId(), bucket, video.extractionOptions(),
                video.getSourceEtag());
    }
}
