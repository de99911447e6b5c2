package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.notify.config.NotifyProperties;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.messaging.Unreadable;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records the final failure of notifications whose every delivery failed: SQS moved them to the
 * dead-letter queue after maxReceiveCount receives. It never sends. A notification whose last
 * attempt found SES holding sending back (throttled, over a quota, paused) is not failed: it goes
 * back to the queue, delayed, until {@code framesmith.notify.retry.throttled-for} after its first
 * attempt. Unreadable messages are not consumed: they stay in the dead-letter queue for an operator,
 * hidden for the longest visibility SQS allows between two log lines about them, until the queue's
 * retention ends.
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final DeliveryLog deliveries;
    private final DeliveryMetrics metrics;
    private final QueueSender sender;
    private final String queue;
    private final int maxReceiveCount;
    private final NotifyProperties.Retry retry;
    private final Clock clock;

    DeadLetterListener(DeliveryLog deliveries, DeliveryMetrics metrics, QueueSender sender,
            FramesmithAwsProperties aws, NotifyProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.sender = sender;
        this.queue = aws.queues().notifications();
        this.maxReceiveCount = aws.provision().maxReceiveCount();
        this.retry = properties.retry();
        this.clock = clock;
    }

    @QueueListener(value = ListenerQueues.NOTIFICATIONS_DLQ, id = "framesmith-notifications-dlq",
            unreadable = Unreadable.KEEP)
    void onDeadLetter(NotificationRequested request) {
        Optional<DeliveryRecord> heldBack = deliveries.find(request.eventId())
                .filter(record -> record.status() == DeliveryStatus.SENDING
                        && MailSendException.heldBack(record.error()))
                .filter(record -> clock.instant().isBefore(record.createdAt().plus(retry.throttledFor())));
        if (heldBack.isPresent()) {
            sender.send(queue, request, retry.requeueDelay());
            metrics.retried(request.template());
            log.warn("Notification {} sent back to the queue: SES held sending back (attempt {}: {})",
                    request.template(), heldBack.get().attempts(), heldBack.get().error());
            return;
        }
        Optional<DeliveryRecord> abandoned = deliveries.abandon(request, maxReceiveCount);
        if (abandoned.isPresent()) {
            metrics.failed(request.template(), DeliveryMetrics.ABANDONED);
            log.error("Notification {} abandoned: {}", request.template(), abandoned.get().error());
        } else {
            log.info("Dead-lettered notification was already settled, nothing recorded");
        }
    }
}
