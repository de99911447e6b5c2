package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.notify.templates.NotificationRenderer;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.messaging.QueueSender;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Records the final failure of notifications whose every delivery failed: SQS moved them to the
 * dead-letter queue after maxReceiveCount receives. It never sends. Unreadable messages are not
 * consumed: they stay in the dead-letter queue for an operator, hidden for the longest visibility
 * SQS allows between two log lines about them, until the queue's retention ends. So are notifications whose
 * template this version cannot write: they wait for a version that can, and an operator's redrive.
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    /** The start of the dead-letter reason of a notification whose template this version cannot write. */
    static final String NO_TEMPLATE = "no template for ";

    private final DeliveryLog deliveries;
    private final NotificationRenderer renderer;
    private final DeliveryMetrics metrics;
    private final int maxReceiveCount;

    DeadLetterListener(DeliveryLog deliveries, NotificationRenderer renderer, DeliveryMetrics metrics,
            FramesmithAwsProperties aws) {
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.metrics = metrics;
        this.maxReceiveCount = aws.provision().maxReceiveCount();
    }

    @SqsListener(value = ListenerQueues.NOTIFICATIONS_DLQ, id = "framesmith-notifications-dlq",
            acknowledgementMode = "MANUAL")
    void onDeadLetter(String body, Acknowledgement acknowledgement, Visibility visibility,
            @Header(name = SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, required = false) String messageId,
            @Header(name = QueueSender.DEAD_LETTER_REASON, required = false) String reason) {
        try (LogContext context = LogContext.open().put("sqsMessageId", messageId)) {
            NotificationRequested request;
            try {
                request = MessageCodec.decode(body, NotificationRequested.class);
            } catch (MalformedMessageException e) {
                log.error("Unreadable notification message kept in the dead-letter queue ({}): {}",
                        reason == null ? "unreadable" : reason, e.getMessage());
                visibility.changeTo(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS);
                return;
            }
            context.put("eventId", request.eventId()).put("videoId", request.videoId())
                    .put("userId", request.userId());
            if (!renderer.renders(request.template())) {
                log.warn("Notification {} kept in the dead-letter queue until a version can write it",
                        request.template());
                visibility.changeTo(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS);
                return;
            }
            Optional<DeliveryRecord> abandoned = deliveries.abandon(request, maxReceiveCount);
            if (abandoned.isPresent()) {
                metrics.failed(request.template(), "abandoned");
                log.error("Notification {} abandoned: {}", request.template(),
                        abandoned.get().error());
            } else {
                log.info("Dead-lettered notification was already settled, nothing recorded");
            }
            acknowledgement.acknowledge();
        }
    }
}
