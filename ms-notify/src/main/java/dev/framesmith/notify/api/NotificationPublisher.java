package dev.framesmith.notify.api;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/** Puts a notification on the notifications queue, where the consumer sends it; counts {@code framesmith.notify.queued{template}}. */
@Component
class NotificationPublisher {

    private static final Logger log = LoggerFactory.getLogger(NotificationPublisher.class);

    static final String QUEUED = "framesmith.notify.queued";

    private final QueueSender sender;
    private final String queue;
    private final MeterRegistry registry;

    NotificationPublisher(QueueSender sender, FramesmithAwsProperties aws, MeterRegistry registry) {
        this.sender = sender;
        this.queue = aws.queues().notifications();
        this.registry = registry;
    }

    void publish(NotificationRequested notification) {
        try {
            sender.send(queue, notification);
            registry.counter(QUEUED, "template", notification.template().name()).increment();
        } catch (SdkException e) {
            log.error("Notification could not be queued", e);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "queue-unavailable",
                    "Notifications unavailable", "The notification could not be queued. Please try again later.")
                    .with("retryAfterSeconds", 30);
        }
    }
}
