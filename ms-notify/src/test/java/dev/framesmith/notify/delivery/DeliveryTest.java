package dev.framesmith.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.TestQueue;
import dev.framesmith.testsupport.SentEmail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Notifications arriving on the queue as ms-video sends them, delivered through the SES stand-in. */
class DeliveryTest extends NotifyIntegrationTest {

    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    DeliveryLog deliveries;
    @Autowired
    MeterRegistry meters;

    private TestQueue queue;

    @BeforeEach
    void queue() {
        queue = new TestQueue(sqs, Queues.NOTIFICATIONS);
    }

    @Test
    void videoReadyIsSentWithTheLinkAndEveryValueEscaped() {
        String to = uniqueRecipient("ready");
        String videoId = UUID.randomUUID().toString();
        String link = APP_URL + "/#download=" + videoId;
        NotificationRequested request = NotificationRequested.videoReady(UUID.randomUUID(), to, "Ana <b>",
                "user-1", videoId, "<script>alert(1)</script>.mp4", 42);
        double sentBefore = count(DeliveryMetrics.SENT, "VIDEO_READY");

        queue.send(MessageCodec.encode(request));

        SentEmail email = eventually().until(() -> emailsTo(to), emails -> emails.size() == 1).get(0);
        assertThat(email.from()).isEqualTo(SENDER);
        assertThat(email.subject()).isEqualTo("Your frames are ready");
        assertThat(email.html())
                .doesNotContain("<script>")
                .doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4")
                .contains("Hello Ana &lt;b&gt;,")
                .contains("href=\"" + link + "\"")
                .contains("42 frames")
                .contains("href=\"" + APP_URL + "\"");
        assertThat(email.text()).contains(link).contains("\"<script>alert(1)</script>.mp4\"").contains(APP_URL);

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.SENT);
        assertThat(record.template()).isEqualTo("VIDEO_READY");
        assertThat(record.recipient()).isEqualTo(to);
        assertThat(record.videoId()).isEqualTo(videoId);
        assertThat(record.userId()).isEqualTo("user-1");
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.sesMessageId()).isNotBlank();
        assertThat(record.error()).isNull();
        assertThat(record.createdAt()).isNotNull();
        assertThat(deliveries.findByVideo(videoId)).containsExactly(record);
        assertThat(count(DeliveryMetrics.SENT, "VIDEO_READY")).isEqualTo(sentBefore + 1);
    }

    @Test
    void videoFailedIsSentWithThePlainLanguageReason() {
        String to = uniqueRecipient("failed");
        NotificationRequested request = NotificationRequested.videoFailed(UUID.randomUUID(), to, "Ana", "user-1",
                UUID.randomUUID().toString(), "<script>alert(1)</script>.mp4",
                "The file is not a video we can read <anymore>.");

        queue.send(MessageCodec.encode(request));

        SentEmail email = eventually().until(() -> emailsTo(to), emails -> emails.size() == 1).get(0);
        assertThat(email.subject()).isEqualTo("We could not process your video");
        assertThat(email.html())
                .doesNotContain("<script>")
                .contains("<strong>&lt;script&gt;alert(1)&lt;/script&gt;.mp4</strong>")
                .contains("The file is not a video we can read &lt;anymore&gt;.")
                .contains("href=\"" + APP_URL + "\"");
        assertThat(email.text()).contains("Reason: The file is not a video we can read <anymore>.");
        eventually().until(() -> deliveries.find(request.eventId()).orElseThrow().status(),
                status -> status == DeliveryStatus.SENT);
    }

    @Test
    void theSameMessageDeliveredThreeTimesSendsOneEmailAndKeepsOneRecord() {
        String to = uniqueRecipient("thrice");
        String videoId = UUID.randomUUID().toString();
        NotificationRequested request = NotificationRequested.videoFailed(UUID.randomUUID(), to, "Ana", "user-1",
                videoId, "clip.mp4", "The video has no frames.");
        String body = MessageCodec.encode(request);

        queue.send(body);
        queue.send(body);
        queue.send(body);

        eventually().until(() -> deliveries.find(request.eventId()).orElseThrow().status(),
                status -> status == DeliveryStatus.SENT);
        eventually().until(queue::depth, depth -> depth == 0);
        assertThat(emailsTo(to)).hasSize(1);
        List<DeliveryRecord> records = deliveries.findByVideo(videoId);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void aVideoIdThatCannotMakeALinkIsRecordedAsFailedAndNothingIsSent() {
        String to = uniqueRecipient("unsafe");
        NotificationRequested request = NotificationRequested.videoReady(UUID.randomUUID(), to, "Ana", "user-1",
                "\"><script>alert(1)</script>", "clip.mp4", 3);
        double failedBefore = count(DeliveryMetrics.FAILED, "VIDEO_READY", "reason", "invalid-content");

        queue.send(MessageCodec.encode(request));

        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.FAILED);
        assertThat(record.error()).startsWith("invalid-content");
        eventually().until(queue::depth, depth -> depth == 0);
        assertThat(emailsTo(to)).isEmpty();
        assertThat(count(DeliveryMetrics.FAILED, "VIDEO_READY", "reason", "invalid-content"))
                .isEqualTo(failedBefore + 1);
    }

    @Test
    void theVerificationEmailIsSentWithTheLinkToThePageAndRecordedWithoutAVideo() {
        String to = uniqueRecipient("verify");
        String token = "dG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaC0xMjM0NTY";
        NotificationRequested request = NotificationRequested.verifyEmail(UUID.randomUUID(), Instant.now(), to,
                "user-1", token, Instant.now().plus(Duration.ofHours(24)));

        queue.send(MessageCodec.encode(request));

        SentEmail email = eventually().until(() -> emailsTo(to), emails -> emails.size() == 1).get(0);
        assertThat(email.subject()).isEqualTo("Confirm your e-mail address for Framesmith");
        assertThat(email.text()).contains(APP_URL + "/#verify-email=" + token);
        assertThat(email.html()).contains("href=\"" + APP_URL + "/#verify-email=" + token + "\"");
        DeliveryRecord record = eventually().until(() -> deliveries.find(request.eventId()).orElseThrow(),
                found -> found.status() == DeliveryStatus.SENT);
        assertThat(record.template()).isEqualTo("VERIFY_EMAIL");
        assertThat(record.userId()).isEqualTo("user-1");
        assertThat(record.videoId()).isNull();
        eventually().until(queue::depth, depth -> depth == 0);
    }

    @Test
    void theResetEmailIsSentWithTheLinkToThePasswordForm() {
        String to = uniqueRecipient("reset");
        String token = "cmVzZXQtdG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA";
        NotificationRequested request = NotificationRequested.resetPassword(UUID.randomUUID(), Instant.now(), to,
                "Ana", "user-1", token, Instant.now().plus(Duration.ofMinutes(30)));

        queue.send(MessageCodec.encode(request));

        SentEmail email = eventually().until(() -> emailsTo(to), emails -> emails.size() == 1).get(0);
        assertThat(email.subject()).isEqualTo("Reset your Framesmith password");
        assertThat(email.text()).contains(APP_URL + "/#reset-password=" + token).startsWith("Hello Ana,");
        eventually().until(() -> deliveries.find(request.eventId()).orElseThrow().status(),
                status -> status == DeliveryStatus.SENT);
    }

    private double count(String name, String template, String... tags) {
        String[] all = new String[tags.length + 2];
        all[0] = "template";
        all[1] = template;
        System.arraycopy(tags, 0, all, 2, tags.length);
        Counter counter = meters.find(name).tags(all).counter();
        return counter == null ? 0 : counter.count();
    }
}
