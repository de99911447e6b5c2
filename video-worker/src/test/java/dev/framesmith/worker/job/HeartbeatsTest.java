package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.worker.config.WorkerPropertiesFixture;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

    private final Heartbeats heartbeats = new Heartbeats(WorkerPropertiesFixture.with(
            Map.of("visibility-timeout", "1s", "keep-alive", "1s")));

    @AfterEach
    void stop() {
        heartbeats.destroy();
    }

    @Test
    void extendsTheVisibilityToTheFullTimeoutAndRunsTheCheckUntilClosed() {
        RecordingVisibility visibility = new RecordingVisibility();
        AtomicInteger checks = new AtomicInteger();

        try (var heartbeat = heartbeats.start(visibility, "video", () -> {
            checks.incrementAndGet();
            throw new IllegalStateException("a failing check does not stop the beats");
        }, () -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> visibility.changes.size() >= 3 && checks.get() >= 3);
        }
        int afterClose = visibility.changes.size();
        assertThat(checks.get()).isGreaterThanOrEqualTo(3);

        assertThat(visibility.changes).allSatisfy(seconds -> assertThat(seconds).isEqualTo(1));
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5))
                .until(() -> visibility.changes.size() == afterClose);
    }

    @Test
    void givesASignOfLifeOncePerKeepAliveIntervalWhateverTheProgress() {
        RecordingVisibility visibility = new RecordingVisibility();
        AtomicInteger signs = new AtomicInteger();

        try (var heartbeat = heartbeats.start(visibility, "video", () -> { }, () -> {
            signs.incrementAndGet();
            throw new IllegalStateException("a failing sign of life does not stop the beats");
        })) {
            // Beats every 333 ms; a sign of life every third one or so.
            await().atMost(Duration.ofSeconds(20)).until(() -> signs.get() >= 2 && visibility.changes.size() >= 7);
            assertThat(signs.get()).isLessThan(visibility.changes.size() / 2);
        }
        int afterClose = signs.get();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> signs.get() == afterClose);
    }

    @Test
    void aSlowCheckNeverDelaysTheVisibilityExtensions() {
        RecordingVisibility visibility = new RecordingVisibility();
        AtomicInteger checks = new AtomicInteger();

        CountDownLatch slow = new CountDownLatch(1);

        try (var heartbeat = heartbeats.start(visibility, "video", () -> {
            checks.incrementAndGet();
            try {
                slow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> { })) {
            await().atMost(Duration.ofSeconds(20)).until(() -> visibility.changes.size() >= 6);
            assertThat(checks.get()).as("no second check while the first runs").isEqualTo(1);
            slow.countDown();
        }
    }

    static final class RecordingVisibility implements Visibility {
        final List<Integer> changes = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> changeToAsync(int seconds) {
            changes.add(seconds);
            return CompletableFuture.completedFuture(null);
        }
    }

}
