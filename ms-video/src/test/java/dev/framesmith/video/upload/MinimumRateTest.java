package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.support.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MinimumRateTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final DataSize RATE = DataSize.ofKilobytes(1);
    private static final Duration MAX_DURATION = Duration.ofMinutes(50);

    private final AtomicLong now = new AtomicLong();

    /** A client whose every read takes {@code perRead} of waiting. */
    private InputStream client(int size, Duration perRead) {
        return new ByteArrayInputStream(new byte[size]) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                now.addAndGet(perRead.toNanos());
                return super.read(buffer, offset, Math.min(length, 100));
            }
        };
    }

    private MinimumRate guarded(InputStream in) {
        MinimumRate guarded = new MinimumRate(in, RATE, WINDOW, MAX_DURATION, now::get);
        guarded.reading("clip.mp4");
        return guarded;
    }

    @Test
    void aClientAtTheRateOrFasterIsRead() throws IOException {
        // 100 bytes every 0.09 s: about 1.1 KB/s.
        assertThat(guarded(client(50_000, Duration.ofMillis(90))).readAllBytes()).hasSize(50_000);
    }

    @Test
    void aClientBelowTheRateOverAWindowOfWaitingIsCutOffWith408() {
        // 100 bytes every 0.2 s: 500 bytes/s.
        assertThatThrownBy(() -> guarded(client(50_000, Duration.ofMillis(200))).readAllBytes())
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(408);
                    assertThat(problem.getBody().getType().toString()).endsWith("/upload-too-slow");
                    assertThat(problem.getBody().getProperties()).containsEntry("filename", "clip.mp4")
                            .containsEntry("minBytesPerSecond", 1024L);
                });
        assertThat(now.get()).as("cut off after one window of waiting").isLessThanOrEqualTo(
                WINDOW.plusMillis(200).toNanos());
    }

    @Test
    void aBodyStillArrivingAtItsDeadlineIsCutOffWith408AlthoughFastEnough() {
        // 100 bytes every 0.05 s (2 KB/s, above the rate), 8 MB in all: 67 minutes.
        assertThatThrownBy(() -> guarded(client(8_000_000, Duration.ofMillis(50))).readAllBytes())
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(408);
                    assertThat(problem.getBody().getType().toString()).endsWith("/upload-too-long");
                    assertThat(problem.getBody().getProperties()).containsEntry("filename", "clip.mp4")
                            .containsEntry("maxSeconds", 3000L);
                });
        assertThat(now.get()).as("cut off at the deadline").isBetween(MAX_DURATION.toNanos(),
                MAX_DURATION.plusMillis(50).toNanos());
    }

    @Test
    void aClientBelowTheRateBetweenFilesIsCutOffWith408NamingNoFile() {
        MinimumRate in = guarded(client(50_000, Duration.ofMillis(200)));
        in.reading(null);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(408);
                    assertThat(problem.getBody().getType().toString()).endsWith("/upload-too-slow");
                    assertThat(problem.getBody().getProperties()).doesNotContainKey("filename")
                            .containsEntry("minBytesPerSecond", 1024L);
                });
    }

    @Test
    void timeSpentByTheServerBetweenReadsDoesNotCount() throws IOException {
        MinimumRate in = guarded(client(5_000, Duration.ofMillis(1)));
        byte[] buffer = new byte[100];
        int total = 0;
        for (int read; (read = in.read(buffer, 0, buffer.length)) > 0; total += read) {
            now.addAndGet(Duration.ofSeconds(5).toNanos()); // storing a part elsewhere
        }
        assertThat(total).isEqualTo(5_000);
    }

    @Test
    void aClientThatSendsNothingUntilTheReadTimeoutIsTooSlow() {
        InputStream silent = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("read failed", new SocketTimeoutException("Read timed out"));
            }
        };
        assertThatThrownBy(() -> guarded(silent).read())
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(408));
    }
}
