package dev.framesmith.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Test
    void doublesWithEveryAttemptUpToTheMaximum() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutAFirstWaitEveryAttemptIsAtOnce() {
        assertThat(new Backoff(Duration.ZERO, Duration.ofMinutes(1)).after(5)).isZero();
    }

    @Test
    void aMessageHeldByAnotherConsumerComesBackWhenItsHolderMustHaveFinished() {
        assertThat(backoff.visibilitySeconds(3, NOW.plusSeconds(10), NOW)).isEqualTo(11);
        assertThat(backoff.visibilitySeconds(1, NOW.plusSeconds(600), NOW)).isEqualTo(30);
        assertThat(backoff.visibilitySeconds(1, NOW.minusSeconds(5), NOW)).isEqualTo(1);
        assertThat(backoff.visibilitySeconds(2, null, NOW)).isEqualTo(60);
        assertThat(Backoff.secondsPast(NOW.plusSeconds(60), NOW)).as("without a back-off").isEqualTo(61);
        assertThat(Backoff.secondsPast(NOW.plus(Duration.ofDays(2)), NOW)).isEqualTo(43_200);
    }

    @Test
    void neverBeyondWhatSqsAllows() {
        Backoff patient = new Backoff(Duration.ofHours(1), Duration.ofDays(2));

        assertThat(patient.visibilitySeconds(30, null, NOW)).isEqualTo(43_200);
    }

    @Test
    void theMaximumIsNeverBelowTheFirstWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
