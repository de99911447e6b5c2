package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.notify.config.NotifyProperties;
import dev.framesmith.notify.templates.NotificationRenderer;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.messaging.TraceContext;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link NotificationRequested} messages. A message is acknowledged once its outcome is
 * settled (sent, refused for good, or a duplicate); one that must be tried again is left on the
 * queue, invisible for an exponentially growing time, and after the queue's maxReceiveCount SQS
 * moves it to the dead-letter queue. An unreadable message goes to the dead-letter queue at once, and so
 * does one whose template this version cannot write yet: it waits there, untouched, for a version that can.
 */
@Component
class NotificationListener {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final NotificationDelivery delivery;
    private final NotificationRenderer renderer;
    private final QueueSender sender;
    private final String queue;
    private final Backoff backoff;
    private final Clock clock;

    NotificationListener(NotificationDelivery delivery, NotificationRenderer renderer, QueueSender sender,
            FramesmithAwsProperties aws, NotifyProperties properties, Clock clock) {
        this.delivery = delivery;
        this.renderer = renderer;
        this.sender = sender;
        this.queue = aws.queues().notifications();
        this.backoff = new Backoff(properties.retry());
        this.clock = clock;
    }

    @SqsListener(value = ListenerQueues.NOTIFICATIONS, id = "framesmith-notifications", acknowledgementMode = "MANUAL")
    void onMessage(String body, Acknowledgement acknowledgement, Visibility visibility,
            @Header(name = SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT, required = false)
            String receiveCount,
            @Header(name = SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, required = false) String messageId,
            @Header(name = Headers.TRACEPARENT, required = false) String traceparent) {
        TraceContext.begin(traceparent);
        try (LogContext context = LogContext.open().put("sqsMessageId", messageId)) {
            NotificationRequested request;
            try {
                request = MessageCodec.decode(body, NotificationRequested.class);
            } catch (MalformedMessageException e) {
                log.error("Unreadable notification message moved to the dead-letter queue: {}", e.getMessage());
                sender.deadLetter(queue, body, e.getMessage());
                acknowledgement.acknowledge();
                return;
            }
            context.put("eventId", request.eventId()).put("videoId", request.videoId())
                    .put("userId", request.userId());
            if (!renderer.renders(request.template())) {
                log.warn("No e-mail template for {} in this version: kept in the dead-letter queue",
                        request.template());
                sender.deadLetter(queue, body, DeadLetterListener.NO_TEMPLATE + request.template());
                acknowledgement.acknowledge();
                return;
            }
            int receives = receives(receiveCount);
            try {
                delivery.deliver(request);
                acknowledgement.acknowledge();
            } catch (RetryLaterException e) {
                int seconds = backoff.seconds(receives, e.notBefore(), clock.instant());
                visibility.changeTo(seconds);
                log.info("Notification left on the queue after receive {}, back in {} s", receives, seconds);
            } catch (RuntimeException e) {
                // The delivery log or the queue failed us: keep the message, it comes back with the same back-off.
                int seconds = backoff.seconds(receives, null, clock.instant());
                log.error("Notification could not be processed on receive {}, back in {} s", receives, seconds, e);
                visibility.changeTo(seconds);
            }
        } finally {
            TraceContext.end();
        }
    }

    private static int receives(String header) {
        try {
            return header == null ? 1 : Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
