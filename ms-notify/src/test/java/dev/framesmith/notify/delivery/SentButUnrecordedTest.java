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
import dev.framesmith.testsupport.TcpRelay;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * DynamoDB goes away after SES accepted an e-mail and before ms-notify recorded it as sent: the e-mail is recorded
 * once DynamoDB is back, and never sent a second time — although the notification is received again and its lease
 * lapses meanwhile. Own queue, DynamoDB behind a relay the test stops, SES behind {@link FaultySes}.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.notifications=" + SentButUnrecordedTest.QUEUE,
        "framesmith.aws.provision.max-receive-count=20",
        "framesmith.notify.ses-max-attempts=1",
        "framesmith.notify.ses-timeout=2s",
        "framesmith.notify.send-lease=3s",
        "framesmith.notify.retry.initial-delay=1s",
        "framesmith.notify.retry.max-delay=1s",
        NotifyIntegrationTest.SENDER_PROPERTY,
        NotifyIntegrationTest.APP_URL_PROPERTY})
@DirtiesContext
class SentButUnrecordedTest {

    static final String QUEUE = "framesmith-notifications-unrecorded";
    static final FaultySes SES = FaultySes.inFrontOf(TestBackend.endpoints().ses());
    static final TcpRelay DYNAMODB = TcpRelay.to(TestBackend.endpoints().dynamodb());

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.aws.ses.endpoint", () -> SES.url().toString());
        registry.add("spring.cloud.aws.dynamodb.endpoint", () -> DYNAMODB.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        SES.close();
        DYNAMODB.close();
    }

    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    DeliveryLog deliveries;
    @Autowired
    MeterRegistry meters;

    @Test
    void anEmailSesAcceptedIsRecordedOnceDynamoDbIsBackAndNeverSentAgain() throws InterruptedException {
        String to = uniqueRecipient("unrecorded");
        NotificationRequested request = NotificationRequested.videoReady(UUID.randomUUID(), to, "Ana", "user-1",
                UUID.randomUUID().toString(), "clip.mp4", 10);
        TestQueue queue = new TestQueue(sqs, QUEUE);
        TestQueue deadLetters = new TestQueue(sqs, Queues.deadLetter(QUEUE));
        CountDownLatch accepted = new CountDownLatch(1);
        SES.onceAccepted(to, () -> {
            DYNAMODB.stop();
            accepted.countDown();
        });

        queue.send(MessageCodec.encode(request));
        assertThat(accepted.await(60, TimeUnit.SECONDS)).as("SES accepted the e-mail").isTrue();
        // Longer than the lease and several receives: without the memory of the send, the next receive resends.
        eventually().until(() -> meters.get(UnrecordedSends.GAUGE).gauge().value() == 1);
        Thread.sleep(6_000);
        DYNAMODB.start();

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.SENT);
        eventually().until(queue::depth, depth -> depth == 0);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.sesMessageId()).isNotBlank();
        assertThat(SES.sendEmailCalls(to)).isEqualTo(1);
        assertThat(emailsTo(to)).hasSize(1);
        assertThat(deadLetters.depth()).isZero();
        assertThat(meters.get(UnrecordedSends.GAUGE).gauge().value()).isZero();
    }
}
