package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import dev.framesmith.support.messaging.Unreadable;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records the final failure of notifications whose every delivery failed: SQS moved them to the
 * dead-letter queue after maxReceiveCount receives. It never sends. Unreadable messages are not
 * consumed: they stay in the dead-letter queue for an operator, hidden for the longest visibility
 * SQS allows between two log lines about them, until the queue's retention ends.
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final DeliveryLog deliveries;
    private final DeliveryMetrics metrics;
    private final int maxReceiveCount;

    DeadLetterListener(DeliveryLog deliveries, DeliveryMetrics metrics, FramesmithAwsProperties aws) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.maxReceiveCount = aws.provision().maxReceiveCount();
    }

    @QueueListener(value = ListenerQueues.NOTIFICATIONS_DLQ, id = "framesmith-notifications-dlq",
            unreadable = Unreadable.KEEP)
    void onDeadLetter(NotificationRequested request) {
        Optional<DeliveryRecord> abandoned = deliveries.abandon(request, maxReceiveCount);
        if (abandoned.isPresent()) {
            metrics.failed(request.template(), DeliveryMetrics.ABANDONED);
            log.error("Notification {} abandoned: {}", request.template(), abandoned.get().error());
        } else {
            log.info("Dead-lettered notification was already settled, nothing recorded");
        }
    }
}
