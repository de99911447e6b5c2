package dev.framesmith.video.dispatch;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.support.messaging.Backoff;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.video.catalog.Timestamps;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoOutcomes;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps videos from getting stuck when a message or a process was lost:
 * <ul>
 * <li>UPLOADED past {@code dispatch-retry-after}: its job was never sent (the send failed, or the replica stopped in
 * between); dispatch it.</li>
 * <li>QUEUED past {@code redispatch-after} (doubling per attempt, at most a day) without a worker event: the job
 * may be lost; send it again.</li>
 * <li>PROCESSING without a worker event for {@code stale-after}: the worker is gone; fail it and tell the user.</li>
 * <li>UPLOADING past its upload URL's lifetime: the direct upload was abandoned; expire it and remove its data.</li>
 * <li>WAITING: repair the user's slot sets (ids of videos that no longer hold a slot, or that started while their
 * start was not recorded) and fill free slots.</li>
 * <li>DONE or FAILED within {@code renotify-within} without its e-mail recorded as asked for: what follows its end
 * was interrupted (a crash or an error after the terminal write); do it again.</li>
 * </ul>
 * Less often ({@link #removeOrphans}), objects older than {@code orphan-grace} whose video does not exist or was
 * deleted or expired are removed: what a direct-upload URL wrote after its video was rejected or deleted, what a
 * worker stored after its video was deleted while it ran (a contact sheet, a ZIP, its claim); and
 * multipart uploads still open {@code abandoned-upload-after} their start are aborted: under {@code raw/} an upload
 * cut off or given up, under {@code frames/} the ZIP upload of a worker killed while it sent the parts.
 * Every step is a conditional write, so replicas sweeping at the same time do each thing once.
 */
@Component
public class StuckVideoSweeper {

    private static final Logger log = LoggerFactory.getLogger(StuckVideoSweeper.class);
    private static final Duration MAX_REDISPATCH_INTERVAL = Duration.ofDays(1);

    private final VideoStore store;
    private final FairDispatcher dispatcher;
    private final VideoOutcomes outcomes;
    private final VideoObjects objects;
    private final VideoProperties.Sweep settings;
    private final Backoff resend;
    private final Duration uploadLifetime;
    private final Clock clock;

    StuckVideoSweeper(VideoStore store, FairDispatcher dispatcher, VideoOutcomes outcomes, VideoObjects objects,
            VideoProperties properties, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.outcomes = outcomes;
        this.objects = objects;
        this.settings = properties.sweep();
        Duration first = settings.redispatchAfter();
        this.resend = new Backoff(first,
                first.compareTo(MAX_REDISPATCH_INTERVAL) > 0 ? first : MAX_REDISPATCH_INTERVAL);
        this.uploadLifetime = properties.uploadUrlTtl().plus(properties.sweep().uploadGrace());
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Report(int redispatched, int resent, int failed, int expired, int slotsRepaired, int finishedAgain) {
    }

    public Report sweep() {
        Instant now = Timestamps.now(clock);
        int redispatched = each(store.withStatusChangedBefore(VideoStatus.UPLOADED,
                now.minus(settings.dispatchRetryAfter())), video -> {
                    dispatcher.dispatchUploaded(video);
                    return true;
                });
        int resent = each(store.withStatusChangedBefore(VideoStatus.QUEUED, now.minus(settings.redispatchAfter())),
                video -> dueForResend(video, now) && dispatcher.resendQueued(video));
        int failed = each(store.withStatusChangedBefore(VideoStatus.PROCESSING, now.minus(settings.staleAfter())),
                outcomes::stalled);
        int expired = each(store.withStatusChangedBefore(VideoStatus.UPLOADING, now.minus(uploadLifetime)),
                this::expire);
        int repaired = 0;
        Set<String> waitingUsers = new LinkedHashSet<>();
        try (Stream<Video> waiting = store.withStatus(VideoStatus.WAITING)) {
            waiting.forEach(video -> waitingUsers.add(video.getUserId()));
        }
        for (String userId : waitingUsers) {
            try {
                repaired += repairSlots(userId, now);
                dispatcher.fillSlots(userId);
            } catch (RuntimeException e) {
                log.warn("Sweeping the waiting videos of user {} failed", userId, e);
            }
        }
        int finishedAgain = 0;
        for (VideoStatus status : List.of(VideoStatus.DONE, VideoStatus.FAILED)) {
            finishedAgain += each(store.unnotifiedChangedBetween(status, now.minus(settings.renotifyWithin()),
                    now.minus(settings.redispatchAfter())), video -> {
                        log.warn("Video {} ended {} without its e-mail asked for: finishing it again", video.getId(),
                                status);
                        outcomes.finishAgain(video);
                        return true;
                    });
        }
        Report report = new Report(redispatched, resent, failed, expired, repaired, finishedAgain);
        if (redispatched + resent + failed + expired + repaired + finishedAgain > 0) {
            log.info("Sweep: {}", report);
        }
        return report;
    }

    private boolean dueForResend(Video video, Instant now) {
        int attempts = video.getDispatchAttempts() == null ? 1 : video.getDispatchAttempts();
        return !video.getUpdatedAt().plus(resend.after(attempts)).isAfter(now);
    }

    private boolean expire(Video video) {
        Optional<Video> expired = store.apply(video, Transition.expire());
        if (expired.isEmpty()) {
            return false;
        }
        String key = StorageKeys.source(video.getUserId(), video.getId());
        if (video.getUploadId() != null) {
            objects.abortMultipart(key, video.getUploadId());
        }
        objects.delete(key);
        log.info("Direct upload of video {} expired", video.getId());
        return true;
    }

    /**
     * Frees slots held by videos that no longer need them, records starts whose event was lost, and resumes
     * dispatches interrupted after the slot.
     */
    private int repairSlots(String userId, Instant now) {
        int repaired = 0;
        Set<String> queued = dispatcher.queuedHolders(userId);
        for (String videoId : dispatcher.slotHolders(userId)) {
            Optional<Video> holder = store.find(videoId);
            if (holder.isEmpty() || holder.get().getStatus().finished()) {
                dispatcher.release(userId, videoId);
                log.warn("Leaked slot of video {} freed", videoId);
                repaired++;
            } else if (holder.get().getStatus() == VideoStatus.PROCESSING && queued.contains(videoId)) {
                dispatcher.started(userId, videoId);
                log.warn("Start of video {} recorded late", videoId);
                repaired++;
            } else if (!holder.get().getStatus().holdsSlot()
                    && holder.get().getUpdatedAt().isBefore(now.minus(settings.dispatchRetryAfter()))) {
                log.warn("Interrupted dispatch of video {} resumed", videoId);
                dispatcher.resumeHeld(holder.get());
                repaired++;
            }
        }
        return repaired;
    }

    /**
     * Removes the objects of videos that are gone (sources, ZIPs, contact sheets, job claims) and aborts abandoned
     * multipart uploads; answers how many.
     */
    public int removeOrphans() {
        Instant now = Timestamps.now(clock);
        Instant before = now.minus(settings.orphanGrace());
        int removed = 0;
        Map<String, Boolean> orphans = new HashMap<>();
        for (String prefix : List.of(StorageKeys.SOURCE_PREFIX, StorageKeys.FRAMES_PREFIX)) {
            try (Stream<String> keys = objects.keysWrittenBefore(prefix, before)) {
                for (String key : (Iterable<String>) keys::iterator) {
                    Optional<String> videoId = StorageKeys.videoIdOf(key);
                    if (videoId.isPresent() && orphans.computeIfAbsent(videoId.get(), this::orphaned)) {
                        objects.delete(key);
                        log.info("Orphaned object {} of video {} removed", key, videoId.get());
                        removed++;
                    }
                }
            }
        }
        for (String prefix : List.of(StorageKeys.SOURCE_PREFIX, StorageKeys.FRAMES_PREFIX)) {
            try (Stream<VideoObjects.OpenUpload> uploads = objects.uploadsStartedBefore(prefix,
                    now.minus(settings.abandonedUploadAfter()))) {
                for (VideoObjects.OpenUpload upload : (Iterable<VideoObjects.OpenUpload>) uploads::iterator) {
                    objects.abortMultipart(upload.key(), upload.uploadId());
                    log.info("Multipart upload to {} aborted: open for more than {}", upload.key(),
                            settings.abandonedUploadAfter());
                    removed++;
                }
            }
        }
        return removed;
    }

    private boolean orphaned(String videoId) {
        return store.find(videoId).map(video -> video.getStatus() == VideoStatus.DELETED
                || video.getStatus() == VideoStatus.EXPIRED).orElse(true);
    }

    private static int each(Stream<Video> videos, Function<Video, Boolean> action) {
        int done = 0;
        try (videos) {
            Iterator<Video> iterator = videos.iterator();
            while (iterator.hasNext()) {
                Video video = iterator.next();
                try (var context = LogContext.open().put("videoId", video.getId()).put("userId", video.getUserId())) {
                    if (action.apply(video)) {
                        done++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Sweeping video {} failed", video.getId(), e);
                }
            }
        }
        return done;
    }
}
