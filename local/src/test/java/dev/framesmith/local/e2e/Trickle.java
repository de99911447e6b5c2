package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.Multipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;

/** A streamed upload ({@code POST /videos}, one file) whose body goes out at a set rate, answered in the background. */
final class Trickle {

    private static final Duration ANSWER = Duration.ofMinutes(1);

    private final AtomicLong sent = new AtomicLong();
    private final CompletableFuture<HttpResponse<byte[]>> answer;

    private Trickle(Api api, String token, Multipart body, int bytesPerSecond) {
        byte[] bytes = body.bytes();
        HttpRequest request = HttpRequest.newBuilder(api.uri("/videos"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Throttled(bytes, bytesPerSecond, sent)),
                        bytes.length))
                .build();
        this.answer = api.http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static Trickle start(Api api, String token, String filename, byte[] content, int bytesPerSecond) {
        return new Trickle(api, token, new Multipart().field("fps", "1").video(filename, content), bytesPerSecond);
    }

    /** The bytes of the body handed to the connection so far. */
    long sent() {
        return sent.get();
    }

    /**
     * The upload was refused as a dependency outage: a 503 problem with {@code Retry-After}; or, when the service
     * answered before the whole body was sent and closed its connection, that connection closed under it: cut at the
     * client, or, when the gateway was still forwarding the body as the service closed, the gateway's 502
     * {@code bad-gateway} (which of the two sides sees the close first is a matter of timing).
     */
    void assertRefusedAsUnavailable() {
        try {
            HttpResponse<byte[]> response = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            Api.Response answered = new Api.Response(response.statusCode(), headers, response.body());
            if (answered.status() == 502) {
                assertThat(answered.problem()).as("%s", answered).isEqualTo("bad-gateway");
                return;
            }
            assertThat(answered.status()).as("%s", answered).isEqualTo(503);
            assertThat(answered.problem()).isEqualTo("service-unavailable");
            assertThat(answered.header("Retry-After")).isNotBlank();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("the upload's failure").isInstanceOf(IOException.class);
        } catch (TimeoutException e) {
            throw new AssertionError("the upload cut by the outage had no answer within " + ANSWER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes, never more than the rate allows since the first read. */
    private static final class Throttled extends InputStream {

        private final byte[] bytes;
        private final int bytesPerSecond;
        private final AtomicLong sent;
        private long startedAt;
        private int position;

        Throttled(byte[] bytes, int bytesPerSecond, AtomicLong sent) {
            this.bytes = bytes;
            this.bytesPerSecond = bytesPerSecond;
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= bytes.length) {
                return -1;
            }
            if (startedAt == 0) {
                startedAt = System.nanoTime();
            }
            long allowed;
            while ((allowed = Math.min(bytes.length, (System.nanoTime() - startedAt) / 1_000_000 * bytesPerSecond
                    / 1000)) <= position) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int count = (int) Math.min(length, allowed - position);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            sent.addAndGet(count);
            return count;
        }
    }
}
