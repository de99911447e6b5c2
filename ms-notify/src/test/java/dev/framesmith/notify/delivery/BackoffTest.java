package dev.framesmith.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.notify.config.NotifyProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Backoff backoff = new Backoff(new NotifyProperties.Retry(Duration.ofSeconds(30), Duration.ofMinutes(15)));

    @Test
    void doublesWithEveryReceiveUpToTheMaximum() {
        assertThat(backoff.seconds(1, null, NOW)).isEqualTo(30);
        assertThat(backoff.seconds(2, null, NOW)).isEqualTo(60);
        assertThat(backoff.seconds(3, null, NOW)).isEqualTo(120);
        assertThat(backoff.seconds(6, null, NOW)).isEqualTo(900);
        assertThat(backoff.seconds(1000, null, NOW)).isEqualTo(900);
        assertThat(backoff.seconds(0, null, NOW)).isEqualTo(30);
    }

    @Test
    void aHeldNotificationComesBackWhenItsHolderMustHaveFinished() {
        assertThat(backoff.seconds(3, NOW.plusSeconds(10), NOW)).isEqualTo(11);
        assertThat(backoff.seconds(1, NOW.plusSeconds(600), NOW)).isEqualTo(30);
        assertThat(backoff.seconds(1, NOW.minusSeconds(5), NOW)).isEqualTo(1);
    }

    @Test
    void neverBeyondWhatSqsAllows() {
        Backoff patient = new Backoff(new NotifyProperties.Retry(Duration.ofHours(1), Duration.ofHours(12)));

        assertThat(patient.seconds(30, null, NOW)).isEqualTo(43_200);
    }
}
