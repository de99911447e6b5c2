package dev.framesmith.notify.api;

import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Puts a notification on the notifications queue, where the consumer sends it; counts {@code framesmith.notify.queued{template}}. */
@Component
class NotificationPublisher {

    private static final Logger log = LoggerFactory.getLogger(NotificationPublisher.class);

    static final String QUEUED = "framesmith.notify.queued";

    private final SqsAsyncClient sqs;
    private final String queue;
    private final MeterRegistry registry;
    private volatile String queueUrl;

    NotificationPublisher(SqsAsyncClient sqs, FramesmithAwsProperties aws, MeterRegistry registry) {
        this.sqs = sqs;
        this.queue = aws.queues().notifications();
        this.registry = registry;
    }

    void publish(NotificationRequested notification, String traceparent) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(Headers.MESSAGE_TYPE, text(NotificationRequested.class.getSimpleName()));
        if (traceparent != null && !traceparent.isBlank() && traceparent.length() <= 128) {
            attributes.put(Headers.TRACEPARENT, text(traceparent));
        }
        try {
            String url = queueUrl();
            sqs.sendMessage(request -> request.queueUrl(url)
                    .messageBody(MessageCodec.encode(notification))
                    .messageAttributes(attributes)).join();
            registry.counter(QUEUED, "template", notification.template().name()).increment();
        } catch (CompletionException | SdkException e) {
            log.error("Notification could not be queued", e);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "queue-unavailable",
                    "Notifications unavailable", "The notification could not be queued. Please try again later.")
                    .with("retryAfterSeconds", 30);
        }
    }

    private String queueUrl() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
            queueUrl = url;
        }
        return url;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
