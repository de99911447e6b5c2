package dev.framesmith.video.worker;

import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import dev.framesmith.support.messaging.UnreadableMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the worker's {@link VideoEvent}s. A message that cannot be read goes to the events dead-letter queue at
 * once; any other error leaves it on the queue to be received again (and, after the redrive policy's count,
 * dead-lettered by SQS). Counts {@code framesmith.video.events{type}}, {@code malformed} for the unreadable ones.
 */
@Component
class WorkerEventsListener {

    private final WorkerEvents events;
    private final String queue;
    private final MeterRegistry meters;

    WorkerEventsListener(WorkerEvents events, FramesmithAwsProperties aws, MeterRegistry meters) {
        this.events = events;
        this.queue = aws.queues().events();
        this.meters = meters;
    }

    @QueueListener(ListenerQueues.EVENTS)
    void receive(VideoEvent event) {
        events.apply(event);
        meters.counter("framesmith.video.events", "type", event.type().name()).increment();
    }

    @EventListener
    void unreadable(UnreadableMessage message) {
        if (queue.equals(message.queue())) {
            meters.counter("framesmith.video.events", "type", "malformed").increment();
        }
    }
}
