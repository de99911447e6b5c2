package dev.framesmith.auth;

import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The notifications queue as ms-notify would read it. Every message taken off the queue is kept here for the
 * whole test JVM, so a test finds its own e-mails whichever test drained the queue.
 */
public final class NotificationsQueue {

    private static final List<Received> RECEIVED = new ArrayList<>();
    private static final Set<UUID> TAKEN = new HashSet<>();

    private final SqsAsyncClient sqs;
    private final String queue;

    public NotificationsQueue(SqsAsyncClient sqs, String queue) {
        this.sqs = sqs;
        this.queue = queue;
    }

    /** A message as it arrived: the notification and its SQS message attributes. */
    public record Received(NotificationRequested notification, String body, Set<String> attributes) {
    }

    /** Waits for a not yet taken message of the template to the address, and takes it. */
    public NotificationRequested next(String email, NotificationTemplate template) {
        return await("a " + template + " message to " + email).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> take(email, template), Optional::isPresent)
                .orElseThrow();
    }

    /** Every message to the address received so far, after what is waiting now has been read. */
    public List<Received> to(String email) {
        drain();
        synchronized (RECEIVED) {
            return RECEIVED.stream().filter(message -> message.notification().recipientEmail().equals(email))
                    .toList();
        }
    }

    private Optional<NotificationRequested> take(String email, NotificationTemplate template) {
        drain();
        synchronized (RECEIVED) {
            Optional<NotificationRequested> found = RECEIVED.stream().map(Received::notification)
                    .filter(message -> message.recipientEmail().equals(email) && message.template() == template)
                    .filter(message -> !TAKEN.contains(message.eventId()))
                    .findFirst();
            found.ifPresent(message -> TAKEN.add(message.eventId()));
            return found;
        }
    }

    private void drain() {
        String url = sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").waitTimeSeconds(0)).join().messages();
            for (Message message : messages) {
                synchronized (RECEIVED) {
                    RECEIVED.add(new Received(MessageCodec.decode(message.body(), NotificationRequested.class),
                            message.body(), message.messageAttributes().keySet()));
                }
                sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle())).join();
            }
        } while (!messages.isEmpty());
    }
}
