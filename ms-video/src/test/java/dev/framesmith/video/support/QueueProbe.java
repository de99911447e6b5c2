package dev.framesmith.video.support;

import dev.framesmith.contracts.Message;
import dev.framesmith.contracts.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads what ms-video sent to a queue nobody else consumes in these tests: every received message is kept
 * (and deleted from the queue), so tests of the same JVM can each find their own by user or video.
 */
public final class QueueProbe {

    private static final Map<String, QueueProbe> PROBES = new ConcurrentHashMap<>();

    private final SqsAsyncClient sqs;
    private final String url;
    private final List<String> bodies = new ArrayList<>();

    private QueueProbe(SqsAsyncClient sqs, String queue) {
        this.sqs = sqs;
        this.url = sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
    }

    public static QueueProbe of(SqsAsyncClient sqs, String queue) {
        return PROBES.computeIfAbsent(queue, name -> new QueueProbe(sqs, name));
    }

    /** Every message of the type received so far that matches, after reading what is on the queue now. */
    public synchronized <T extends Message> List<T> messages(Class<T> type, Predicate<T> filter) {
        drain();
        List<T> matching = new ArrayList<>();
        for (String body : bodies) {
            try {
                T message = MessageCodec.decode(body, type);
                if (filter.test(message)) {
                    matching.add(message);
                }
            } catch (RuntimeException notThisType) {
                // another kind of message
            }
        }
        return matching;
    }

    /** Visible plus in-flight messages on the queue. */
    public int pending() {
        var attributes = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).join().attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Messages received and not yet deleted nor visible again. */
    public int inFlight() {
        return Integer.parseInt(sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).join().attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private void drain() {
        while (true) {
            var received = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).join().messages();
            if (received.isEmpty()) {
                return;
            }
            for (var message : received) {
                bodies.add(message.body());
                sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle())).join();
            }
        }
    }
}
