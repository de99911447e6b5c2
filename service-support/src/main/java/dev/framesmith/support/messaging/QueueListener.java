package dev.framesmith.support.messaging;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.annotation.SqsListenerAcknowledgementMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * The one way a service listens to a queue. The method takes the message record ({@code ProcessVideo},
 * {@code VideoEvent}, {@code NotificationRequested}) already decoded, and nothing else it must read itself:
 * <ul>
 * <li>the W3C trace context is continued from the {@code traceparent} message attribute;</li>
 * <li>{@code eventId}, {@code videoId}, {@code userId} and {@code sqsMessageId} are in the log context;</li>
 * <li>a body that is not the record (or a {@code MalformedMessageException} or
 * {@link UnprocessableMessageException} thrown by the method) is handled as {@link #unreadable()} says, at once,
 * never retried;</li>
 * <li>returning acknowledges the message (it is deleted); an exception or an error leaves it on the queue,
 * invisible for the {@link #retryBackoff()} of its receive count, or until the queue's visibility timeout when there
 * is none; a {@link RetryLaterException} says when to come back, with or without a back-off.</li>
 * </ul>
 * Besides the record, a method may take {@code io.awspring.cloud.sqs.listener.Visibility} when it must keep a
 * long job's message invisible while it works, and a {@link Delivery}: the receive count and the first receive.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SqsListener(acknowledgementMode = SqsListenerAcknowledgementMode.MANUAL)
public @interface QueueListener {

    /** The queue names, e.g. one of {@code dev.framesmith.support.aws.ListenerQueues}. */
    @AliasFor(annotation = SqsListener.class, attribute = "value")
    String[] value();

    @AliasFor(annotation = SqsListener.class, attribute = "id")
    String id() default "";

    /** A listener container factory of its own (the worker's, for its concurrency and visibility). */
    @AliasFor(annotation = SqsListener.class, attribute = "factory")
    String factory() default "";

    /** What happens to a message that is not the method's record, or that the method cannot handle. */
    Unreadable unreadable() default Unreadable.DEAD_LETTER;

    /**
     * The name of a {@link Backoff} bean: how long a message whose handling failed stays invisible, by its receive
     * count. Empty: it comes back after the queue's visibility timeout.
     */
    String retryBackoff() default "";
}
