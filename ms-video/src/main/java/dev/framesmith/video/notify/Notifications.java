package dev.framesmith.video.notify;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.video.catalog.FailureReasons;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoFinished;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Asks ms-notify to e-mail the owner of a finished video, once per video: the video item carries a claim
 * ({@code notifiedAt}) taken by a conditional write before sending, and the message's event id is derived from
 * the video and its outcome, so even a resend after a lost claim is recognised downstream. The "ready" e-mail carries
 * no presigned link (it would die with the signing credentials, an hour with IRSA): ms-notify links to the video on
 * the page, which asks for a fresh short-lived one when its owner clicks.
 */
@Component
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final VideoStore store;
    private final QueueSender queues;
    private final String queue;
    private final MeterRegistry meters;

    Notifications(VideoStore store, QueueSender queues, FramesmithAwsProperties aws, MeterRegistry meters) {
        this.store = store;
        this.queues = queues;
        this.queue = aws.queues().notifications();
        this.meters = meters;
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
        if (video.getNotifiedAt() != null || !store.claimNotification(video.getId(), status)) {
            return;
        }
        try {
            queues.send(queue, message(video));
        } catch (RuntimeException e) {
            store.releaseNotificationClaim(video.getId());
            throw e;
        }
        meters.counter("framesmith.video.notifications", "template", status == VideoStatus.DONE ? "ready" : "failed")
                .increment();
        log.info("Notification requested for video {} ({})", video.getId(), status);
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
