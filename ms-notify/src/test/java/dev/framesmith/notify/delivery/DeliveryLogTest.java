package dev.framesmith.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.notify.NotifyIntegrationTest;
import dev.framesmith.notify.config.NotifyProperties;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The delivery log's conditional writes against the DynamoDB stand-in, with a clock the test moves. */
class DeliveryLogTest extends NotifyIntegrationTest {

    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    FramesmithAwsProperties aws;
    @Autowired
    NotifyProperties properties;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private DeliveryLog log;
    private ExecutorService threads;

    @BeforeEach
    void log() {
        log = new DeliveryLog(dynamo, aws, properties, clock);
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void theFirstClaimOwnsTheNotificationAndASettledOneIsNeverClaimedAgain() {
        NotificationRequested request = request();

        assertThat(log.claim(request)).isEqualTo(new Claim.Owned(1));
        log.sent(request.eventId(), "ses-1");

        assertThat(log.claim(request)).isEqualTo(new Claim.Finished(DeliveryStatus.SENT));
        clock.move(Duration.ofDays(1));
        assertThat(log.claim(request)).isEqualTo(new Claim.Finished(DeliveryStatus.SENT));
        DeliveryRecord record = log.find(request.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(record.sesMessageId()).isEqualTo("ses-1");
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void whileAConsumerHoldsTheLeaseOthersWaitAndAfterItLapsesOneTakesOver() {
        NotificationRequested request = request();
        assertThat(log.claim(request)).isEqualTo(new Claim.Owned(1));

        Instant leaseEnd = clock.instant().plus(properties.sendLease());
        assertThat(log.claim(request)).isEqualTo(new Claim.Busy(leaseEnd));

        clock.move(properties.sendLease().plusSeconds(1));
        assertThat(log.claim(request)).isEqualTo(new Claim.Owned(2));
        assertThat(log.claim(request)).isInstanceOf(Claim.Busy.class);

        log.failed(request.eventId(), 1, "late answer of the first attempt");
        assertThat(log.find(request.eventId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENDING);
        log.failed(request.eventId(), 2, "rejected: no such mailbox");
        DeliveryRecord record = log.find(request.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(record.error()).isEqualTo("rejected: no such mailbox");
        assertThat(log.claim(request)).isEqualTo(new Claim.Finished(DeliveryStatus.FAILED));
    }

    @Test
    void aReleasedNotificationIsTakenOverAtOnce() {
        NotificationRequested request = request();
        assertThat(log.claim(request)).isEqualTo(new Claim.Owned(1));

        log.release(request.eventId(), 1, "throttled: SES 429");

        assertThat(log.find(request.eventId()).orElseThrow().error()).isEqualTo("throttled: SES 429");
        assertThat(log.claim(request)).isEqualTo(new Claim.Owned(2));
    }

    @Test
    void concurrentClaimsLetExactlyOneConsumerSend() throws Exception {
        NotificationRequested fresh = request();
        NotificationRequested released = request();
        log.claim(released);
        log.release(released.eventId(), 1, "throttled");

        assertThat(owners(fresh)).isEqualTo(1);
        assertThat(owners(released)).isEqualTo(1);
        assertThat(log.find(released.eventId()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void anAccountNotificationHasNoVideoAndIsClaimedAndAbandonedAll() {
        NotificationRequested sent = NotificationRequested.verifyEmail(UUID.randomUUID(), clock.instant(),
                "ana@example.com", "user-7", "dG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA", clock.instant().plusSeconds(60));
        NotificationRequested neverSeen = NotificationRequested.resetPassword(UUID.randomUUID(), clock.instant(),
                "ana@example.com", "Ana", "user-7", "dG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA", clock.instant().plusSeconds(60));

        assertThat(log.claim(sent)).isEqualTo(new Claim.Owned(1));
        log.sent(sent.eventId(), "ses-3");
        assertThat(log.find(sent.eventId()).orElseThrow()).satisfies(record -> {
            assertThat(record.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(record.userId()).isEqualTo("user-7");
            assertThat(record.videoId()).isNull();
        });
        assertThat(log.abandon(neverSeen, 5)).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(record.template()).isEqualTo("RESET_PASSWORD");
            assertThat(record.videoId()).isNull();
        });
    }

    @Test
    void abandoningRecordsTheFinalFailureOnlyForUnsettledNotifications() {
        NotificationRequested sending = request();
        log.claim(sending);
        log.release(sending.eventId(), 1, "ses-unavailable: SES 500");
        NotificationRequested sent = request();
        log.claim(sent);
        log.sent(sent.eventId(), "ses-2");
        NotificationRequested neverSeen = request();

        assertThat(log.abandon(sending, 5)).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(record.error()).isEqualTo(
                    "delivery abandoned after 1 attempt (last error: ses-unavailable: SES 500)");
        });
        assertThat(log.abandon(sent, 5)).isEmpty();
        assertThat(log.find(sent.eventId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(log.abandon(neverSeen, 5)).hasValueSatisfying(record -> {
            assertThat(record.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(record.error()).isEqualTo("delivery abandoned after 5 attempts");
            assertThat(record.template()).isEqualTo("VIDEO_FAILED");
            assertThat(record.recipient()).isEqualTo(neverSeen.recipientEmail());
            assertThat(record.videoId()).isEqualTo(neverSeen.videoId());
        });
        assertThat(log.abandon(neverSeen, 5)).isEmpty();
    }

    @Test
    void aVideosRecordsComeNewestFirst() {
        String videoId = UUID.randomUUID().toString();
        NotificationRequested first = request(videoId);
        NotificationRequested second = request(videoId);
        log.claim(first);
        clock.move(Duration.ofMillis(1));
        log.claim(second);

        assertThat(log.findByVideo(videoId)).extracting(DeliveryRecord::eventId)
                .containsExactly(second.eventId().toString(), first.eventId().toString());
        assertThat(log.findByVideo(UUID.randomUUID().toString())).isEmpty();
    }

    private int owners(NotificationRequested request) throws Exception {
        List<Callable<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(() -> log.claim(request));
        }
        int owners = 0;
        for (Future<Claim> claim : threads.invokeAll(claims)) {
            if (claim.get() instanceof Claim.Owned) {
                owners++;
            }
        }
        return owners;
    }

    private static NotificationRequested request() {
        return request(UUID.randomUUID().toString());
    }

    private static NotificationRequested request(String videoId) {
        return NotificationRequested.videoFailed(UUID.randomUUID(), uniqueRecipient("log"), "Ana", "user-1", videoId,
                "clip.mp4", "The file is damaged.");
    }

    /** A clock that only moves when the test says so. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
