package dev.framesmith.support.messaging;

import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.Message;
import dev.framesmith.support.tracing.Traces;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * A {@link QueueListener} method as Spring Cloud AWS invokes it: the message's span (a child of the span that sent
 * it, {@link Traces#receive}) and the log context around the call, the
 * record decoded, and the outcome settled (acknowledged, dead-lettered, or left on the queue with its back-off).
 * Everything runs in the listener's thread, so the log context is the listener's.
 */
final class QueueListenerMethod extends InvocableHandlerMethod {

    private static final Logger log = LoggerFactory.getLogger(QueueListenerMethod.class);

    private final InvocableHandlerMethod listener;
    private final Class<? extends Message> recordType;
    private final Unreadable unreadable;
    private final Backoff backoff;
    private final QueueSender sender;
    private final ApplicationEventPublisher events;
    private final Traces traces;
    private final Clock clock;

    QueueListenerMethod(InvocableHandlerMethod listener, Unreadable unreadable, Backoff backoff, QueueSender sender,
            ApplicationEventPublisher events, Traces traces, Clock clock) {
        super(listener);
        this.listener = listener;
        this.recordType = MessageRecords.recordType(listener.getMethod());
        this.unreadable = unreadable;
        this.backoff = backoff;
        this.sender = sender;
        this.events = events;
        this.traces = traces;
        this.clock = clock;
    }

    @Override
    public Object invoke(org.springframework.messaging.Message<?> message, Object... providedArgs) {
        Span span = traces.receive(header(message, SqsHeaders.SQS_QUEUE_NAME_HEADER), name -> header(message, name));
        try (Tracer.SpanInScope scope = traces.inScope(span);
                LogContext context = LogContext.open().put("sqsMessageId",
                        header(message, SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER))) {
            Message record;
            try {
                record = MessageRecords.decode(message, recordType);
            } catch (MalformedMessageException e) {
                unreadable(message, e.getMessage());
                return null;
            }
            context.put("eventId", record.eventId()).put("videoId", record.videoId()).put("userId", record.userId());
            try {
                listener.invoke(message, record);
            } catch (MalformedMessageException | UnprocessableMessageException e) {
                unreadable(message, e.getMessage());
                return null;
            } catch (Exception | Error e) {
                // An Error too (a stack overflow on odd input, a class that fails to load) is a failure to retry
                // after the back-off; the JVMs exit on running out of memory.
                span.error(e);
                failed(message, e);
                return null;
            }
            Acknowledgement.acknowledge(message);
            return null;
        } finally {
            span.end();
        }
    }

    /** A message the listener cannot read or handle: as {@link QueueListener#unreadable()} says, at once. */
    private void unreadable(org.springframework.messaging.Message<?> message, String reason) {
        String queue = header(message, SqsHeaders.SQS_QUEUE_NAME_HEADER);
        switch (unreadable) {
            case DEAD_LETTER -> {
                sender.deadLetter(queue, (String) message.getPayload(), reason);
                Acknowledgement.acknowledge(message);
                log.warn("Message moved to the dead-letter queue of {}: {}", queue, reason);
            }
            case KEEP -> {
                changeVisibility(message, (int) Backoff.MAX_VISIBILITY.toSeconds());
                String deadLettered = header(message, QueueSender.DEAD_LETTER_REASON);
                log.error("Message kept in {} (dead-lettered: {}): {}", queue,
                        deadLettered == null ? "after failures" : deadLettered, reason);
            }
        }
        events.publishEvent(new UnreadableMessage(queue, unreadable, reason));
    }

    /**
     * Not acknowledged: the message comes back after the listener's back-off, or just past the {@code notBefore} of a
     * {@link RetryLaterException} without one, or else after the queue's visibility timeout.
     */
    private void failed(org.springframework.messaging.Message<?> message, Throwable e) {
        int receives = Delivery.of(message, clock.instant()).receiveCount();
        RetryLaterException later = e instanceof RetryLaterException retry ? retry : null;
        if (later != null && later.isImmediately()) {
            changeVisibility(message, 0);
            log.info("Message given back on receive {}: {}", receives, later.getMessage());
            return;
        }
        Integer seconds = invisibleFor(receives, later == null ? null : later.notBefore());
        if (seconds != null) {
            changeVisibility(message, seconds);
        }
        String back = seconds == null ? "after the queue's visibility timeout" : "in " + seconds + " s";
        if (later != null) {
            log.info("Message left on the queue after receive {}, back {}: {}", receives, back, later.getMessage());
        } else {
            log.error("Message failed on receive {}, back {}", receives, back, e);
        }
    }

    /** Seconds the failed message stays invisible, or {@code null} for the queue's visibility timeout. */
    private Integer invisibleFor(int receives, Instant notBefore) {
        Instant now = clock.instant();
        if (backoff != null) {
            return backoff.visibilitySeconds(receives, notBefore, now);
        }
        return notBefore == null ? null : Backoff.secondsPast(notBefore, now);
    }

    private static void changeVisibility(org.springframework.messaging.Message<?> message, int seconds) {
        Object visibility = message.getHeaders().get(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER);
        try {
            ((Visibility) visibility).changeTo(seconds);
        } catch (RuntimeException e) {
            log.warn("Could not change the message's visibility to {} s: {}", seconds, e.toString());
        }
    }

    private static String header(org.springframework.messaging.Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value == null ? null : value.toString();
    }
}
