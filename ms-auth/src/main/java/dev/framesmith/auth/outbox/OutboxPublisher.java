package dev.framesmith.auth.outbox;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.tracing.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's notifications to the notifications queue, each in the trace of the request that wrote it.
 * A message leaves the outbox only once SQS has it; a failed send is retried with a growing pause, never dropped.
 * A crash after the send and before the delete sends it again, which the consumer recognises by its
 * {@code eventId}. Metrics: {@code framesmith.auth.outbox.sent}, {@code .failures} and {@code .pending}.
 */
@Component
class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    /** Rounds of one run at most, so a run ends even while new messages keep arriving. */
    private static final int MAX_ROUNDS = 10;

    private final NotificationOutbox outbox;
    private final QueueSender sender;
    private final String queue;
    private final OutboxProperties properties;
    private final Traces traces;
    private final Counter sent;
    private final Counter failures;

    OutboxPublisher(NotificationOutbox outbox, QueueSender sender, FramesmithAwsProperties aws,
            OutboxProperties properties, MeterRegistry meters, Traces traces) {
        this.outbox = outbox;
        this.traces = traces;
        this.sender = sender;
        this.queue = aws.queues().notifications();
        this.properties = properties;
        this.sent = Counter.builder("framesmith.auth.outbox.sent")
                .description("Notifications handed to the notifications queue").register(meters);
        this.failures = Counter.builder("framesmith.auth.outbox.failures")
                .description("Failed attempts to hand a notification to the queue").register(meters);
        Gauge.builder("framesmith.auth.outbox.pending", outbox, NotificationOutbox::pending)
                .description("Notifications waiting in the outbox").register(meters);
    }

    /** One run, every {@code framesmith.auth.outbox.poll-interval} ({@link OutboxSchedule}). */
    void publish() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<NotificationOutbox.Pending> batch = outbox.claim(properties.batchSize(), properties.lease());
            batch.forEach(this::send);
            if (batch.size() < properties.batchSize()) {
                return;
            }
        }
    }

    private void send(NotificationOutbox.Pending pending) {
        traces.resume("outbox publish", pending.traceparent(), () -> publish(pending));
    }

    private void publish(NotificationOutbox.Pending pending) {
        try (LogContext context = LogContext.open().put("eventId", pending.eventId())) {
            NotificationRequested notification = MessageCodec.decode(pending.body(), NotificationRequested.class);
            context.put("userId", notification.userId());
            sender.send(queue, notification);
            outbox.sent(pending.eventId());
            sent.increment();
            log.info("Notification {} handed to the queue", notification.template());
        } catch (RuntimeException e) {
            failures.increment();
            var delay = properties.retryAfter(pending.attempts());
            log.warn("Notification not handed to the queue on attempt {}, next try in {} s: {}", pending.attempts(),
                    delay.toSeconds(), e.toString());
            outbox.retryLater(pending.eventId(), delay);
        }
    }
}
