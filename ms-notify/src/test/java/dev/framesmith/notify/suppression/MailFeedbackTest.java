package dev.framesmith.notify.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.TestQueue;
import dev.framesmith.notify.delivery.DeliveryLog;
import dev.framesmith.notify.delivery.DeliveryRecord;
import dev.framesmith.notify.delivery.DeliveryStatus;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.testsupport.SnsNotification;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * SES's bounces and complaints as they arrive in AWS: an SNS notification wrapping the SES event, on the feedback
 * queue. A permanent bounce or a complaint suppresses the address, and a suppressed address gets no further mail.
 */
class MailFeedbackTest extends NotifyIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    Suppressions suppressions;
    @Autowired
    DeliveryLog deliveries;

    @Test
    void aComplainedAddressGetsNoFurtherMail() {
        String to = uniqueRecipient("complained");
        send(Queues.FEEDBACK, sns(Map.of("eventType", "Complaint", "complaint", Map.of(
                "complainedRecipients", List.of(Map.of("emailAddress", to.toUpperCase(Locale.ROOT))),
                "complaintFeedbackType", "abuse"))));
        eventually().until(() -> suppressions.reason(to), Optional::isPresent);
        assertThat(suppressions.reason(to)).contains("complaint");

        NotificationRequested request = failed(to);
        new TestQueue(sqs, Queues.NOTIFICATIONS).send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.FAILED);
        assertThat(record.error()).isEqualTo("suppressed: the address had a complaint");
        assertThat(emailsTo(to)).isEmpty();
    }

    @Test
    void aPermanentBounceSuppressesTheAddressAndATransientOneDoesNot() {
        String bounced = uniqueRecipient("bounced");
        String full = uniqueRecipient("mailbox-full");
        send(Queues.FEEDBACK, sns(bounce("Transient", full)));
        send(Queues.FEEDBACK, sns(bounce("Permanent", bounced)));

        eventually().until(() -> suppressions.reason(bounced), Optional::isPresent);
        assertThat(suppressions.reason(bounced)).contains("bounce");
        eventually().until(() -> depth(Queues.FEEDBACK), depth -> depth == 0);
        assertThat(suppressions.reason(full)).isEmpty();

        NotificationRequested stillSent = failed(full);
        new TestQueue(sqs, Queues.NOTIFICATIONS).send(MessageCodec.encode(stillSent));
        eventually().until(() -> emailsTo(full), emails -> emails.size() == 1);
    }

    @Test
    void anSesEventThatCannotBeReadGoesToTheDeadLetterQueueAtOnce() {
        String marker = UUID.randomUUID().toString();
        send(Queues.FEEDBACK, sns("not json " + marker));

        String deadLetters = url(Queues.deadLetter(Queues.FEEDBACK));
        Message kept = eventually().until(() -> sqs.receiveMessage(receive -> receive.queueUrl(deadLetters)
                        .maxNumberOfMessages(10).messageAttributeNames("All").waitTimeSeconds(1)).join().messages()
                        .stream().filter(message -> message.body().contains(marker)).findFirst(),
                Optional::isPresent).orElseThrow();

        assertThat(kept.messageAttributes().get(QueueSender.DEAD_LETTER_REASON).stringValue())
                .startsWith("the SES event is not one JSON document");
        sqs.deleteMessage(delete -> delete.queueUrl(deadLetters).receiptHandle(kept.receiptHandle())).join();
    }

    private static Map<String, Object> bounce(String type, String address) {
        return Map.of("eventType", "Bounce", "bounce", Map.of("bounceType", type, "bounceSubType", "General",
                "bouncedRecipients", List.of(Map.of("emailAddress", address, "status", "5.1.1"))),
                "mail", Map.of("destination", List.of(address), "messageId", "ses-" + UUID.randomUUID()));
    }

    /** The SNS notification SES's event destination delivers to the queue, around the SES event. */
    private static String sns(Object sesEvent) {
        return SnsNotification.around(Queues.FEEDBACK,
                sesEvent instanceof String text ? text : JSON.writeValueAsString(sesEvent));
    }

    private static NotificationRequested failed(String to) {
        return NotificationRequested.videoFailed(UUID.randomUUID(), to, "Ana", "user-1", UUID.randomUUID().toString(),
                "clip.mp4", "The video has no frames.");
    }

    private void send(String queue, String body) {
        sqs.sendMessage(request -> request.queueUrl(url(queue)).messageBody(body)).join();
    }

    private int depth(String queue) {
        return new TestQueue(sqs, queue).depth();
    }

    private String url(String queue) {
        return sqs.getQueueUrl(get -> get.queueName(queue)).join().queueUrl();
    }
}
