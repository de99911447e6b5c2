package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Integer> published = new ArrayList<>();
    private final ProgressReporter reporter = new ProgressReporter(published::add, Duration.ofSeconds(3), now::get);

    @Test
    void publishesAtMostOncePerInterval() {
        advance(1);
        reporter.progress(0.1);
        advance(2);
        reporter.progress(0.2);
        advance(1);
        reporter.progress(0.3);

        assertThat(published).containsExactly(22);
    }

    @Test
    void mapsTheExtractionOntoFiveToNinetyPercent() {
        advance(3);
        reporter.progress(0.0);
        advance(3);
        reporter.progress(0.5);
        advance(3);
        reporter.progress(1.0);

        assertThat(published).containsExactly(5, 47, 90);
    }

    @Test
    void neverGoesBackwards() {
        advance(3);
        reporter.progress(0.5);
        advance(3);
        reporter.progress(0.4);
        advance(3);
        reporter.progress(0.6);

        assertThat(published).containsExactly(47, 56);
    }

    private void advance(long seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }
}
