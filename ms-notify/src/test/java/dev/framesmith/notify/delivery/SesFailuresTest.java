package dev.framesmith.notify.delivery;

import static dev.framesmith.notify.NotifyIntegrationTest.emailsTo;
import static dev.framesmith.notify.NotifyIntegrationTest.eventually;
import static dev.framesmith.notify.NotifyIntegrationTest.uniqueRecipient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.TestQueue;
import dev.framesmith.notify.delivery.FaultySes.Fault;
import dev.framesmith.notify.delivery.FaultySes.Pause;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * SES failing in front of the consumer. Own queue (with a small maxReceiveCount) so that no other test
 * context's listener takes these messages; SDK retries off, so every SES answer reaches the queue logic.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.notifications=" + SesFailuresTest.QUEUE,
        "framesmith.aws.provision.max-receive-count=" + SesFailuresTest.MAX_RECEIVES,
        "framesmith.notify.ses-max-attempts=1",
        "framesmith.notify.retry.initial-delay=1s",
        "framesmith.notify.retry.max-delay=2s",
        "framesmith.notify.pause-check=1s",
        "framesmith.notify.configuration-set=" + SesFailuresTest.CONFIGURATION_SET,
        NotifyIntegrationTest.SENDER_PROPERTY,
        NotifyIntegrationTest.APP_URL_PROPERTY})
@DirtiesContext
class SesFailuresTest {

    static final String QUEUE = "framesmith-notifications-ses-failures";
    static final int MAX_RECEIVES = 4;
    static final String CONFIGURATION_SET = "framesmith-ses-failures";
    static final FaultySes SES = FaultySes.inFrontOf(TestBackend.endpoints().ses());

    @DynamicPropertySource
    static void sesEndpoint(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.aws.ses.endpoint", () -> SES.url().toString());
    }

    @AfterAll
    static void stopSes() {
        SES.close();
    }

    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    DeliveryLog deliveries;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.cloud.aws.ses.endpoint}")
    String sesEndpoint;

    private TestQueue queue;
    private TestQueue deadLetters;

    @BeforeEach
    void queues() {
        assertThat(sesEndpoint).isEqualTo(SES.url().toString());
        queue = new TestQueue(sqs, QUEUE);
        deadLetters = new TestQueue(sqs, Queues.deadLetter(QUEUE));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"THROTTLED", "PAUSED"})
    void throttledOrPausedSendingIsRetriedWithTheBackOffAndSentOnceItPasses(Fault fault) {
        String to = uniqueRecipient(fault.name().toLowerCase(Locale.ROOT));
        SES.failFirst(to, 2, fault);
        NotificationRequested request = ready(to);
        double retriedBefore = count(DeliveryMetrics.RETRIED);

        queue.send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() != DeliveryStatus.SENDING);
        assertThat(record.status()).as("not failed for good: %s", record.error()).isEqualTo(DeliveryStatus.SENT);
        assertThat(record.attempts()).isEqualTo(3);
        assertThat(record.error()).isNull();
        eventually().until(() -> emailsTo(to).size() == 1);
        eventually().until(queue::depth, depth -> depth == 0);
        assertThat(emailsTo(to)).hasSize(1);
        assertThat(SES.sendEmailCalls(to)).isEqualTo(3);
        assertThat(count(DeliveryMetrics.RETRIED)).isEqualTo(retriedBefore + 2);
    }

    @ParameterizedTest
    @EnumSource(Pause.class)
    void whileSendingIsPausedNotificationsWaitOnTheQueueAndAreSentOnceItResumes(Pause pause) {
        List<NotificationRequested> requests = IntStream.range(0, 3)
                .mapToObj(i -> ready(uniqueRecipient("held-" + i))).toList();
        int configurationSetChecks = SES.configurationSetChecks();
        SES.pause(pause);
        try {
            requests.forEach(request -> queue.send(MessageCodec.encode(request)));
            eventually().until(() -> meters.get(SendingHold.HELD).gauge().value() == 1);
            int checks = SES.accountChecks();
            int sends = sendsTo(requests);
            // Longer than the four receives with their back-off (1 s, 2 s, 2 s) would last before dead-lettering.
            eventually().until(SES::accountChecks, seen -> seen >= checks + 8);
            assertThat(sendsTo(requests)).as("no sends while held").isEqualTo(sends);
            assertThat(requests).allSatisfy(request -> assertThat(deliveries.find(request.eventId())
                    .map(DeliveryRecord::status)).as("not failed").isNotEqualTo(Optional.of(DeliveryStatus.FAILED)));
        } finally {
            SES.resume(pause);
        }
        requests.forEach(request -> eventually().until(() -> deliveries.find(request.eventId())
                .map(DeliveryRecord::status).orElse(null) == DeliveryStatus.SENT));
        requests.forEach(request -> assertThat(emailsTo(request.recipientEmail())).hasSize(1));
        assertThat(meters.get(SendingHold.HELD).gauge().value()).isZero();
        if (pause == Pause.CONFIGURATION_SETS) {
            assertThat(SES.configurationSetChecks()).as("the configuration set's state was asked")
                    .isGreaterThan(configurationSetChecks);
        }
    }

    @Test
    void anAnswerThatDoesNotSayWhetherSendingIsEnabledReceivesAgainInsteadOfHoldingForGood() {
        NotificationRequested request = ready(uniqueRecipient("unsaid"));
        SES.pause(Pause.CONFIGURATION_SETS);
        SES.omitSendingOptions(true);
        try {
            queue.send(MessageCodec.encode(request));
            eventually().until(() -> meters.get(SendingHold.HELD).gauge().value() == 1);
            SES.resume(Pause.CONFIGURATION_SETS);

            eventually().until(() -> deliveries.find(request.eventId()).map(DeliveryRecord::status).orElse(null)
                    == DeliveryStatus.SENT);
        } finally {
            SES.resume(Pause.CONFIGURATION_SETS);
            SES.omitSendingOptions(false);
        }
        assertThat(emailsTo(request.recipientEmail())).hasSize(1);
        eventually().until(() -> meters.get(SendingHold.HELD).gauge().value() == 0);
    }

    private static int sendsTo(List<NotificationRequested> requests) {
        return requests.stream().mapToInt(request -> SES.sendEmailCalls(request.recipientEmail())).sum();
    }

    /**
     * Throttling that outlasts every receive the queue allows (a daily quota spent, say) does not fail the e-mail:
     * from the dead-letter queue it goes back to the queue, and is sent once SES takes it.
     */
    @Test
    void throttlingThatOutlastsEveryReceiveSendsTheNotificationBackInsteadOfFailingIt() {
        String to = uniqueRecipient("long-throttle");
        int throttled = MAX_RECEIVES + 2;
        SES.failFirst(to, throttled, Fault.THROTTLED);
        NotificationRequested request = ready(to);
        double abandonedBefore = count(DeliveryMetrics.FAILED, "reason", "abandoned");
        int deadLettersBefore = deadLetters.depth();

        queue.send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() != DeliveryStatus.SENDING);
        assertThat(record.status()).as("not failed for good: %s", record.error()).isEqualTo(DeliveryStatus.SENT);
        assertThat(record.attempts()).isEqualTo(throttled + 1);
        eventually().until(() -> emailsTo(to).size() == 1);
        eventually().until(queue::depth, depth -> depth == 0);
        eventually().until(deadLetters::depth, depth -> depth == deadLettersBefore);
        assertThat(emailsTo(to)).hasSize(1);
        assertThat(SES.sendEmailCalls(to)).isEqualTo(throttled + 1);
        assertThat(count(DeliveryMetrics.FAILED, "reason", "abandoned")).isEqualTo(abandonedBefore);
    }

    @Test
    void aServerErrorIsRetriedToo() {
        String to = uniqueRecipient("server-error");
        SES.failFirst(to, 1, Fault.SERVER_ERROR);
        NotificationRequested request = ready(to);

        queue.send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.SENT);
        assertThat(record.attempts()).isEqualTo(2);
        eventually().until(() -> emailsTo(to).size() == 1);
        assertThat(SES.sendEmailCalls(to)).isEqualTo(2);
    }

    @Test
    void aPermanentRejectionIsRecordedAsFailedAndAcknowledged() {
        String to = uniqueRecipient("rejected");
        SES.failAlways(to, Fault.REJECTED);
        NotificationRequested request = ready(to);
        double failedBefore = count(DeliveryMetrics.FAILED, "reason", "rejected");

        queue.send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.FAILED);
        assertThat(record.error()).isEqualTo("rejected: SES 400 MessageRejected: Email address is on the suppression list");
        assertThat(record.attempts()).isEqualTo(1);
        eventually().until(queue::depth, depth -> depth == 0);
        assertThat(deadLetters.depth()).isZero();
        assertThat(SES.sendEmailCalls(to)).isEqualTo(1);
        assertThat(emailsTo(to)).isEmpty();
        assertThat(count(DeliveryMetrics.FAILED, "reason", "rejected")).isEqualTo(failedBefore + 1);
        assertThat(deliveries.find(request.eventId()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void repeatedFailureEndsInTheDeadLetterQueueWithAFinalRecord() {
        String to = uniqueRecipient("down");
        SES.failAlways(to, Fault.SERVER_ERROR);
        NotificationRequested request = ready(to);
        double abandonedBefore = count(DeliveryMetrics.FAILED, "reason", "abandoned");
        int deadLettersBefore = deadLetters.depth();

        queue.send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.FAILED);
        assertThat(record.error()).startsWith("delivery abandoned after " + MAX_RECEIVES + " attempts")
                .contains("InternalServiceErrorException");
        assertThat(record.attempts()).isEqualTo(MAX_RECEIVES);
        assertThat(SES.sendEmailCalls(to)).isEqualTo(MAX_RECEIVES);
        eventually().until(deadLetters::depth, depth -> depth == deadLettersBefore);
        assertThat(queue.depth()).isZero();
        assertThat(emailsTo(to)).isEmpty();
        assertThat(count(DeliveryMetrics.FAILED, "reason", "abandoned")).isEqualTo(abandonedBefore + 1);
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterQueueAtOnceAndStayThere() {
        int before = deadLetters.depth();
        String missingFields = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"template\":\"VIDEO_READY\"}";

        queue.send("this is not JSON");
        queue.send(missingFields);

        eventually().until(deadLetters::depth, depth -> depth == before + 2);
        eventually().until(queue::depth, depth -> depth == 0);
        assertThat(deliveries.find(UUID.fromString(missingFields.substring(12, 48)))).isEmpty();
    }

    private static NotificationRequested ready(String to) {
        return NotificationRequested.videoReady(UUID.randomUUID(), to, "Ana", "user-1", UUID.randomUUID().toString(),
                "clip.mp4", 10);
    }

    private double count(String name, String... tags) {
        String[] all = new String[tags.length + 2];
        all[0] = "template";
        all[1] = "VIDEO_READY";
        System.arraycopy(tags, 0, all, 2, tags.length);
        Counter counter = meters.find(name).tags(all).counter();
        return counter == null ? 0 : counter.count();
    }
}
