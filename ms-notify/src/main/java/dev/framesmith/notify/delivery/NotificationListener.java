package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link NotificationRequested} messages. A message is acknowledged once its outcome is settled (sent,
 * refused for good, or a duplicate); one that must be tried again is left on the queue, invisible for an
 * exponentially growing time ({@code framesmith.notify.retry}), and after the queue's maxReceiveCount SQS moves it
 * to the dead-letter queue. An unreadable message goes to the dead-letter queue at once.
 */
@Component
class NotificationListener {

    static final String ID = "framesmith-notifications";

    private final NotificationDelivery delivery;

    NotificationListener(NotificationDelivery delivery) {
        this.delivery = delivery;
    }

    @QueueListener(value = ListenerQueues.NOTIFICATIONS, id = ID,
            retryBackoff = DeliveryConfiguration.RETRY_BACKOFF)
    void onMessage(NotificationRequested request) {
        delivery.deliver(request);
    }
}
