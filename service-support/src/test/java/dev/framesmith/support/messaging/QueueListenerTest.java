package dev.framesmith.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.Queues;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.testsupport.UseTestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link QueueListener} through the SQS stand-in: what a listener gets, and what becomes of each message. */
@UseTestBackend
@SpringBootTest(classes = QueueListenerTest.Listeners.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"framesmith.aws.provision.enabled=true",
                "framesmith.aws.queues.processing=listener-test-processing",
                "framesmith.aws.queues.events=listener-test-events",
                "framesmith.aws.queues.notifications=listener-test-notifications",
                "spring.cloud.aws.sqs.listener.poll-timeout=1s"})
class QueueListenerTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @Autowired
    Listeners listeners;
    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    FramesmithAwsProperties aws;

    @Test
    void theListenerGetsTheRecordInsideItsTraceAndLogContextAndTheMessageIsDeleted() {
        VideoEvent event = VideoEvent.progress(UUID.randomUUID().toString(), "user-1", 10);

        send(aws.queues().events(), MessageCodec.encode(event), TRACEPARENT);

        Seen seen = await().atMost(Duration.ofSeconds(30)).until(() -> listeners.seen.get(event.videoId()),
                received -> received != null);
        assertThat(seen.event()).isEqualTo(event);
        assertThat(seen.context()).containsEntry("traceId", TRACE_ID)
                .containsEntry("eventId", event.eventId().toString())
                .containsEntry("videoId", event.videoId())
                .containsEntry("userId", "user-1")
                .containsKey("sqsMessageId");
        awaitEmpty(aws.queues().events());
        assertThat(MDC.get("videoId")).isNull();
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterQueueAtOnceWithItsReason() {
        String body = "{\"broken\":\"" + UUID.randomUUID() + "\"}";

        send(aws.queues().events(), body, null);

        var dead = await().atMost(Duration.ofSeconds(30)).until(() -> receive(Queues.deadLetter(aws.queues().events())),
                messages -> !messages.isEmpty());
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo(body);
            assertThat(message.messageAttributes().get(QueueSender.DEAD_LETTER_REASON).stringValue())
                    .contains("VideoEvent");
        });
        // The listener hears of the message once it is dead-lettered, which a receive on the DLQ may see first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listeners.unreadable).anySatisfy(
                unreadable -> {
                    assertThat(unreadable.queue()).isEqualTo(aws.queues().events());
                    assertThat(unreadable.action()).isEqualTo(Unreadable.DEAD_LETTER);
                }));
        awaitEmpty(aws.queues().events());
    }

    @Test
    void aMalformedMessageExceptionFromTheListenerCountsAsUnreadable() {
        VideoEvent refused = VideoEvent.progress(UUID.randomUUID().toString(), Listeners.REFUSED_USER, 10);

        send(aws.queues().events(), MessageCodec.encode(refused), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> receive(Queues.deadLetter(aws.queues().events())),
                messages -> messages.stream().anyMatch(message -> message.body().contains(refused.videoId())));
        awaitEmpty(aws.queues().events());
    }

    @Test
    void aFailedMessageComesBackAfterTheBackoffAndIsDeletedOnceHandled() {
        VideoEvent flaky = VideoEvent.progress(UUID.randomUUID().toString(), Listeners.FLAKY_USER, 10);

        send(aws.queues().events(), MessageCodec.encode(flaky), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.seen.containsKey(flaky.videoId()));
        assertThat(listeners.attempts.get(flaky.videoId())).hasValue(2);
        awaitEmpty(aws.queues().events());
    }

    @Test
    void aMessageWhoseListenerThrewAnErrorComesBackAfterTheBackoffNotTheVisibilityTimeout() {
        VideoEvent overflowing = VideoEvent.progress(UUID.randomUUID().toString(), Listeners.OVERFLOWING_USER, 10);

        send(aws.queues().events(), MessageCodec.encode(overflowing), null);

        // The back-off is 1 s, the queue's visibility timeout 30 s.
        await().atMost(Duration.ofSeconds(15)).until(() -> listeners.seen.containsKey(overflowing.videoId()));
        assertThat(listeners.attempts.get(overflowing.videoId())).hasValue(2);
        awaitEmpty(aws.queues().events());
    }

    @Test
    void aDeadLetterListenerCanKeepWhatItCannotReadForAnOperator() {
        String dlq = Queues.deadLetter(aws.queues().notifications());

        send(dlq, "not a notification", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.unreadable.stream()
                .anyMatch(unreadable -> unreadable.action() == Unreadable.KEEP));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count(dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 1);
        assertThat(count(dlq, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    }

    private void send(String queue, String body, String traceparent) {
        String url = url(queue);
        sqs.sendMessage(request -> {
            request.queueUrl(url).messageBody(body);
            if (traceparent != null) {
                request.messageAttributes(Map.of("traceparent",
                        MessageAttributeValue.builder().dataType("String").stringValue(traceparent).build()));
            }
        }).join();
    }

    private List<software.amazon.awssdk.services.sqs.model.Message> receive(String queue) {
        return sqs.receiveMessage(request -> request.queueUrl(url(queue)).waitTimeSeconds(1)
                .messageAttributeNames("All")).join().messages();
    }

    private void awaitEmpty(String queue) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        + count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0);
    }

    private int count(String queue, QueueAttributeName attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(request -> request.queueUrl(url(queue))
                .attributeNames(attribute)).join().attributes().get(attribute));
    }

    private String url(String queue) {
        return sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
    }

    record Seen(VideoEvent event, Map<String, String> context) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Listeners.Beans.class)
    static class Listeners {

        static final String FLAKY_USER = "flaky";
        static final String REFUSED_USER = "refused";
        static final String OVERFLOWING_USER = "overflowing";

        final Map<String, Seen> seen = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<UnreadableMessage> unreadable = new CopyOnWriteArrayList<>();

        @QueueListener(value = ListenerQueues.EVENTS, retryBackoff = "testBackoff")
        void receive(VideoEvent event) {
            int attempt = attempts.computeIfAbsent(event.videoId(), id -> new AtomicInteger()).incrementAndGet();
            if (REFUSED_USER.equals(event.userId())) {
                throw new MalformedMessageException("not for this service", null);
            }
            if (FLAKY_USER.equals(event.userId()) && attempt == 1) {
                throw new IllegalStateException("a passing failure");
            }
            if (OVERFLOWING_USER.equals(event.userId()) && attempt == 1) {
                throw new StackOverflowError("a passing error");
            }
            seen.put(event.videoId(), new Seen(event, MDC.getCopyOfContextMap()));
        }

        @QueueListener(value = ListenerQueues.NOTIFICATIONS_DLQ, unreadable = Unreadable.KEEP)
        void keeping(NotificationRequested request) {
        }

        @EventListener
        void unreadable(UnreadableMessage message) {
            unreadable.add(message);
        }

        static class Beans {

            @Bean
            Backoff testBackoff() {
                return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
            }
        }
    }
}
