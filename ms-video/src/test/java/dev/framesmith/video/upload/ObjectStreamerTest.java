package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.support.web.ProblemException;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects;
import dev.framesmith.video.support.TestVideos;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The bound on part buffers, checked before any byte reaches storage. */
class ObjectStreamerTest {

    @Test
    void aLargeUploadFindingNoFreeBufferIsRefusedWith503AndBuffersAreGivenBack() throws Exception {
        VideoProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "framesmith.video.upload-buffers", "1",
                "framesmith.video.upload-buffer-wait", "200ms")))
                .bindOrCreate("framesmith.video", VideoProperties.class);
        ObjectStreamer streamer = new ObjectStreamer(new VideoObjects(null, null, "bucket"), properties);

        StalledVideo first = new StalledVideo();
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> store(streamer, first));
        assertThat(first.stalled.await(10, TimeUnit.SECONDS)).as("first upload holds the buffer").isTrue();

        assertThatThrownBy(() -> streamer.store("raw/u/v/source", "second.mp4", "second.mp4", new StalledVideo()))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(503);
                    assertThat(problem.getBody().getType().toString()).endsWith("/uploads-busy");
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("30");
                });

        first.resume.countDown();
        holder.handle((result, error) -> result).get(10, TimeUnit.SECONDS);

        StalledVideo third = new StalledVideo();
        CompletableFuture<Object> next = CompletableFuture.supplyAsync(() -> store(streamer, third));
        assertThat(third.stalled.await(10, TimeUnit.SECONDS)).as("the buffer was given back").isTrue();
        third.resume.countDown();
        next.handle((result, error) -> result).get(10, TimeUnit.SECONDS);
    }

    private static Object store(ObjectStreamer streamer, InputStream content) {
        try {
            return streamer.store("raw/u/v/source", "v.mp4", "v.mp4", content);
        } catch (Exception e) {
            return e;
        }
    }

    /** An MP4 that delivers more than the sniffed head, then stalls until resumed, then ends. */
    private static final class StalledVideo extends InputStream {
        private final byte[] start = TestVideos.mp4(ObjectStreamer.HEAD_BYTES + 1000);
        private final CountDownLatch stalled = new CountDownLatch(1);
        private final CountDownLatch resume = new CountDownLatch(1);
        private int position;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position < start.length) {
                int n = Math.min(length, start.length - position);
                System.arraycopy(start, position, buffer, offset, n);
                position += n;
                return n;
            }
            stalled.countDown();
            try {
                resume.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
