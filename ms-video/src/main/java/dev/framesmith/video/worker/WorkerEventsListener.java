package dev.framesmith.video.worker;

import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.messaging.TraceContext;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Consumes the worker's {@link VideoEvent}s. A message that cannot be read goes to the events dead-letter
 * queue at once; any other error leaves it on the queue to be received again (and, after the redrive
 * policy's count, dead-lettered by SQS).
 */
@Component
class WorkerEventsListener {

    private static final Logger log = LoggerFactory.getLogger(WorkerEventsListener.class);

    private final WorkerEvents events;
    private final QueueSender queues;
    private final String queue;
    private final MeterRegistry meters;

    WorkerEventsListener(WorkerEvents events, QueueSender queues, FramesmithAwsProperties aws, MeterRegistry meters) {
        this.events = events;
        this.queues = queues;
        this.queue = aws.queues().events();
        this.meters = meters;
    }

    @SqsListener(ListenerQueues.EVENTS)
    void receive(Message<String> message) {
        TraceContext.begin(header(message, Headers.TRACEPARENT));
        try {
            VideoEvent event;
            try {
                event = MessageCodec.decode(message.getPayload(), VideoEvent.class);
            } catch (MalformedMessageException e) {
                log.warn("Unreadable event moved to the dead-letter queue: {}", e.getMessage());
                queues.deadLetter(queue, message.getPayload(), e.getMessage());
                meters.counter("framesmith.video.events", "type", "malformed").increment();
                return;
            }
            try (var context = LogContext.open().put("videoId", event.videoId()).put("userId", event.userId())
                    .put("eventId", event.eventId())) {
                events.apply(event);
                meters.counter("framesmith.video.events", "type", event.type().name()).increment();
            }
        } finally {
            TraceContext.end();
        }
    }

    static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value == null ? null : value.toString();
    }
}
