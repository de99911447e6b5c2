package dev.framesmith.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The minimum rate of one request body, measured on that body alone, and what is left of it after an answer. */
class ClientBodyTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong();

    @Test
    void aBodyFasterThanTheMinimumIsReadWhateverItsSize() throws IOException {
        // 10 GiB at 1 GiB/s: past the 8.6 GB where bytes × 10⁹ no longer fits a long.
        ClientBody body = new ClientBody(new Endless(64 * 1024, 64 * 1024 * 1_000_000_000L / (1L << 30)), 1024,
                now::get);
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        while (read < 10L << 30) {
            read += body.read(buffer, 0, buffer.length);
        }

        assertThat(body.failure()).isNull();
    }

    @Test
    void aBodyThatTricklesIsCutOffOnceASecondHasPassed() throws IOException {
        ClientBody body = new ClientBody(new Endless(10, 100 * MS), 2048, now::get);
        byte[] buffer = new byte[100];
        for (int i = 0; i < 9; i++) {
            assertThat(body.read(buffer, 0, buffer.length)).isEqualTo(10);
        }

        assertThatThrownBy(() -> body.read(buffer, 0, buffer.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("below 2048");
        assertThat(body.failure()).isNotNull();
    }

    @Test
    void theTimeBeforeTheFirstReadDoesNotCount() throws IOException {
        now.set(60_000 * MS);
        ClientBody body = new ClientBody(new Endless(4096, 100 * MS), 2048, now::get);
        byte[] buffer = new byte[4096];
        for (int i = 0; i < 50; i++) {
            assertThat(body.read(buffer, 0, buffer.length)).isEqualTo(4096);
        }
        assertThat(body.failure()).isNull();
    }

    @Test
    void whatIsLeftAfterAnEarlyAnswerIsReadForAtMostTheLingerTimeAndNeverForwarded() throws IOException {
        // 64 KB every 100 ms, for ever: the client keeps sending after its request was answered.
        ClientBody body = new ClientBody(new Endless(64 * 1024, 100 * MS), 2048, now::get);
        byte[] buffer = new byte[64 * 1024];
        body.read(buffer, 0, buffer.length);
        long before = now.get();

        body.discardRest(Duration.ofSeconds(30));

        assertThat(now.get() - before).isBetween(30_000 * MS, 30_100 * MS);
        assertThatThrownBy(() -> body.read(buffer, 0, buffer.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("answered");
    }

    @Test
    void aBodyAlreadyReadToItsEndIsNotWaitedFor() throws IOException {
        ClientBody body = new ClientBody(new ByteArrayInputStream(new byte[10]), 2048, now::get);
        assertThat(body.read(new byte[64], 0, 64)).isEqualTo(10);

        body.discardRest(Duration.ofSeconds(30));

        assertThat(now.get()).isZero();
        assertThat(body.failure()).isNull();
    }

    /** A stream that hands out {@code chunk} bytes per read, each read taking {@code nanos} on the test's clock. */
    private final class Endless extends InputStream {

        private final int chunk;
        private final long nanos;

        Endless(int chunk, long nanos) {
            this.chunk = chunk;
            this.nanos = nanos;
        }

        @Override
        public int read() {
            now.addAndGet(nanos);
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            now.addAndGet(nanos);
            return Math.min(chunk, length);
        }
    }
}
