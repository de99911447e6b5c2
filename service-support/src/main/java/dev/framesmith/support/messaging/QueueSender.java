package dev.framesmith.support.messaging;

import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.Message;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.Queues;
import dev.framesmith.support.tracing.Traces;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends messages to SQS queues by name: the JSON of {@link MessageCodec}, with the message kind and the trace
 * context of its {@code send} span ({@link Traces#send}) as message attributes, and the user as the message group.
 * On a standard queue the group makes it a fair queue: when one user's backlog holds the consumers, SQS delivers
 * the other users' messages first (the stand-ins accept the group and deliver in order). Blocks until SQS has the
 * message, or throws the SDK's exception.
 */
public class QueueSender {

    /** Why a message was moved to a dead-letter queue by its consumer. */
    public static final String DEAD_LETTER_REASON = "framesmith-dead-letter-reason";

    private static final int MAX_REASON = 256;

    private final SqsAsyncClient sqs;
    private final Traces traces;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public QueueSender(SqsAsyncClient sqs, Traces traces) {
        this.sqs = sqs;
        this.traces = traces;
    }

    public void send(String queue, Message message) {
        send(queue, message, Duration.ZERO);
    }

    /** Sends a message that is delivered only after {@code delay} (SQS allows up to 15 minutes). */
    public void send(String queue, Message message, Duration delay) {
        send(queue, MessageCodec.encode(message), Map.of(Headers.MESSAGE_TYPE, message.getClass().getSimpleName()),
                message.userId(), (int) delay.toSeconds());
    }

    /**
     * Moves a message its consumer cannot read to the queue's dead-letter queue at once, saying why,
     * instead of letting it be retried until the redrive policy gives up.
     */
    public void deadLetter(String queue, String body, String reason) {
        String cleaned = reason == null ? "unreadable" : reason.replaceAll("\\p{Cntrl}", " ");
        send(Queues.deadLetter(queue), body == null || body.isEmpty() ? "(empty)" : body,
                Map.of(DEAD_LETTER_REASON, cleaned.length() > MAX_REASON ? cleaned.substring(0, MAX_REASON) : cleaned),
                null, 0);
    }

    private void send(String queue, String body, Map<String, String> attributes, String group, int delaySeconds) {
        String url = url(queue);
        Map<String, String> withTrace = new HashMap<>(attributes);
        traces.send(queue, withTrace, () -> {
            Map<String, MessageAttributeValue> values = new HashMap<>();
            withTrace.forEach((name, value) -> values.put(name, text(value)));
            return join(() -> sqs.sendMessage(request -> request.queueUrl(url).messageBody(body)
                    .messageAttributes(values).messageGroupId(group)
                    .delaySeconds(delaySeconds > 0 ? delaySeconds : null)).join());
        });
    }

    private String url(String queue) {
        return urls.computeIfAbsent(queue,
                name -> join(() -> sqs.getQueueUrl(request -> request.queueName(name)).join().queueUrl()));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static <T> T join(Supplier<T> call) {
        try {
            return call.get();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
