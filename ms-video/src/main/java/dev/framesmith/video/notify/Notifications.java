package dev.framesmith.video.notify;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.messaging.RetryLaterException;
import dev.framesmith.video.catalog.FailureReasons;
import dev.framesmith.video.catalog.Timestamps;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoFinished;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Asks ms-notify to e-mail the owner of a finished video, once per video: the message's event id is derived from
 * the video and its outcome, so ms-notify sends one e-mail however often it is asked. A claim on the video item
 * ({@code notifyClaimedAt}) keeps concurrent deliveries of the same outcome from sending twice, and the video records
 * that the message was sent ({@code notifiedAt}) only after it was. A delivery that finds the claim taken and the
 * message still not recorded as sent two seconds later comes back once the claim lapses ({@link RetryLaterException}):
 * the claim's holder may have died before sending. A crash or an error anywhere between the terminal write and that
 * record so leads to the same message being sent again (by the redelivered message, or by the sweeper, which looks
 * for finished videos without the record), never to no message.
 * <p>
 * The "ready" e-mail carries no presigned link (it would die with the signing credentials, an hour with IRSA):
 * ms-notify links to the video on the page, which asks for a fresh short-lived one when its owner clicks.
 */
@Component
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    /** How long a claim to send keeps others from sending; far longer than one send takes. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(1);
    /** How often, and how far apart, a refused claim's record is looked for before the delivery is put off. */
    private static final int HOLDER_CHECKS = 8;
    private static final Duration HOLDER_PAUSE = Duration.ofMillis(250);

    private final VideoStore store;
    private final QueueSender queues;
    private final String queue;
    private final MeterRegistry meters;
    private final Clock clock;

    Notifications(VideoStore store, QueueSender queues, FramesmithAwsProperties aws, MeterRegistry meters,
            Clock clock) {
        this.store = store;
        this.queues = queues;
        this.queue = aws.queues().notifications();
        this.meters = meters;
        this.clock = clock;
    }

    /** After dispatch has freed the slot: a failure here reaches the publisher, whose message comes again. */
    @EventListener
    @Order(2)
    void on(VideoFinished finished) {
        notifyOnce(finished.video());
    }

    /** Sends the DONE or FAILED notification of the video unless it was sent already. */
    void notifyOnce(Video video) {
        VideoStatus status = video.getStatus();
        if (status != VideoStatus.DONE && status != VideoStatus.FAILED) {
            return;
        }
        if (video.getNotifiedAt() != null) {
            return;
        }
        if (!store.claimNotification(video.getId(), status, Timestamps.now(clock).minus(CLAIM_LEASE))) {
            awaitClaim(video.getId(), status);
            return;
        }
        try {
            queues.send(queue, message(video));
        } catch (RuntimeException e) {
            store.releaseNotificationClaim(video.getId());
            throw e;
        }
        store.markNotified(video.getId());
        meters.counter("framesmith.video.notifications", "template", status == VideoStatus.DONE ? "ready" : "failed")
                .increment();
        log.info("Notification requested for video {} ({})", video.getId(), status);
    }

    /**
     * The claim was refused. Its holder is most often a concurrent delivery of the same outcome that records the send
     * within milliseconds, so the record is looked for a few times first; nothing more is to do once it is there (or
     * the video moved on). Otherwise this delivery comes back after the claim lapses: its holder may have died.
     */
    private void awaitClaim(String id, VideoStatus status) {
        Video current = null;
        for (int check = 0; check < HOLDER_CHECKS; check++) {
            if (check > 0) {
                pause();
            }
            current = store.find(id).orElse(null);
            if (current == null || current.getNotifiedAt() != null || current.getStatus() != status) {
                return;
            }
        }
        Instant claimed = current.getNotifyClaimedAt();
        throw new RetryLaterException("the e-mail about video " + id + " is claimed by another delivery",
                claimed == null ? null : claimed.plus(CLAIM_LEASE));
    }

    private static void pause() {
        try {
            Thread.sleep(HOLDER_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RetryLaterException.immediately("interrupted while the e-mail was claimed by another delivery");
        }
    }

    private NotificationRequested message(Video video) {
        UUID eventId = UUID.nameUUIDFromBytes((video.getId() + ":" + video.getStatus())
                .getBytes(StandardCharsets.UTF_8));
        if (video.getStatus() == VideoStatus.DONE) {
            return NotificationRequested.videoReady(eventId, video.getOwnerEmail(), video.getOwnerName(),
                    video.getUserId(), video.getId(), video.getFilename(),
                    video.getFrameCount() == null ? 0 : video.getFrameCount());
        }
        return NotificationRequested.videoFailed(eventId, video.getOwnerEmail(), video.getOwnerName(),
                video.getUserId(), video.getId(), video.getFilename(),
                FailureReasons.reason(video.getErrorCode(), video.getErrorMessage()));
    }
}
