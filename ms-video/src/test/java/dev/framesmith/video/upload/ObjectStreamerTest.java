package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.support.web.ProblemException;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects;
import dev.framesmith.video.support.TestVideos;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The bound on part buffers, checked before any byte reaches storage, and how parts are sent. */
class ObjectStreamerTest {

    private static final int PART = 5 * 1024 * 1024;

    private MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void theNextPartIsReadWhileTheTwoBeforeItAreSentAndEveryByteArrivesInOrder() throws Exception {
        byte[] video = TestVideos.mp4(4 * PART + 100);
        ObservedVideo content = new ObservedVideo(video, 3 * PART);
        AtomicBoolean overlapped = new AtomicBoolean();
        RecordingObjects objects = new RecordingObjects(part -> {
            if (part == 1) {
                overlapped.set(content.readPastMark.await(5, TimeUnit.SECONDS));
            }
        });
        ObjectStreamer streamer = new ObjectStreamer(objects, properties("3", "2"), meters);

        ObjectStreamer.Stored stored = streamer.store("raw/u/v/source", "v.mp4", "v.mp4", content);

        assertThat(overlapped).as("part 3 was read while parts 1 and 2 were being sent").isTrue();
        assertThat(stored.size()).isEqualTo(video.length);
        assertThat(objects.parts).extracting(VideoObjects.Part::partNumber).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(objects.assembled()).isEqualTo(video);
        assertThat(objects.events).endsWith("complete").doesNotContain("abort");
        assertThat(freeBuffers()).as("every buffer given back").isEqualTo(3.0);
        streamer.destroy();
    }

    @Test
    void aPartThatFailsWhileOthersAreSentFailsTheUploadWhichIsAbortedOnceNoPartIsBeingSent() {
        RecordingObjects objects = new RecordingObjects(part -> {
            if (part == 2) {
                throw new IllegalStateException("storage unavailable");
            }
        });
        ObjectStreamer streamer = new ObjectStreamer(objects, properties("3", "2"), meters);

        assertThatThrownBy(() -> streamer.store("raw/u/v/source", "v.mp4", "v.mp4",
                new ObservedVideo(TestVideos.mp4(6 * PART), 0)))
                .isInstanceOf(IllegalStateException.class).hasMessage("storage unavailable");

        assertThat(objects.events).endsWith("abort").doesNotContain("complete");
        long started = objects.events.stream().filter(event -> event.matches("part \\d+")).count();
        long ended = objects.events.stream().filter(event -> event.matches("part \\d+ (sent|failed)")).count();
        assertThat(ended).as("every part started had ended before the abort").isEqualTo(started);
        assertThat(freeBuffers()).isEqualTo(3.0);
        streamer.destroy();
    }

    @Test
    void withoutASpareBufferOrWithNoPartsInFlightEachPartIsSentBeforeTheNextIsRead() throws Exception {
        for (VideoProperties properties : List.of(properties("1", "2"), properties("3", "0"))) {
            RecordingObjects objects = new RecordingObjects(part -> { });
            meters = new SimpleMeterRegistry();
            ObjectStreamer streamer = new ObjectStreamer(objects, properties, meters);
            byte[] video = TestVideos.mp4(2 * PART + 7);

            streamer.store("raw/u/v/source", "v.mp4", "v.mp4", new ObservedVideo(video, 0));

            assertThat(objects.senders).containsOnly(Thread.currentThread().getName());
            assertThat(objects.assembled()).isEqualTo(video);
            assertThat(freeBuffers()).isEqualTo(properties.uploadBuffers());
            streamer.destroy();
        }
    }

    /** What the pool's gauge shows. */
    private double freeBuffers() {
        return meters.get(ObjectStreamer.FREE_BUFFERS).gauge().value();
    }

    private static VideoProperties properties(String buffers, String partsInFlight) {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "framesmith.video.part-size", "5MB",
                "framesmith.video.upload-buffers", buffers,
                "framesmith.video.parts-in-flight", partsInFlight)))
                .bindOrCreate("framesmith.video", VideoProperties.class);
    }

    @Test
    void aLargeUploadFindingNoFreeBufferIsRefusedWith503AndBuffersAreGivenBack() throws Exception {
        VideoProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "framesmith.video.upload-buffers", "1",
                "framesmith.video.upload-buffer-wait", "200ms")))
                .bindOrCreate("framesmith.video", VideoProperties.class);
        ObjectStreamer streamer = new ObjectStreamer(new VideoObjects(null, null, "bucket"), properties, meters);

        StalledVideo first = new StalledVideo();
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> store(streamer, first));
        assertThat(first.stalled.await(10, TimeUnit.SECONDS)).as("first upload holds the buffer").isTrue();
        assertThat(freeBuffers()).as("the pool's gauge").isZero();

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

    /** A video's bytes that tell when they have been read up to a watched position. */
    private static final class ObservedVideo extends ByteArrayInputStream {
        private final CountDownLatch readPastMark = new CountDownLatch(1);
        private final int watched;

        ObservedVideo(byte[] bytes, int watched) {
            super(bytes);
            this.watched = watched;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int read = super.read(buffer, offset, length);
            if (pos >= watched) {
                readPastMark.countDown();
            }
            return read;
        }
    }

    /** Storage that keeps the parts it is sent, in memory, and what happened in which order. */
    private static final class RecordingObjects extends VideoObjects {
        private final PartHook hook;
        private final List<VideoObjects.Part> parts = new CopyOnWriteArrayList<>();
        private final Map<Integer, byte[]> bytes = new ConcurrentHashMap<>();
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final Set<String> senders = ConcurrentHashMap.newKeySet();

        RecordingObjects(PartHook hook) {
            super(null, null, "bucket");
            this.hook = hook;
        }

        @Override
        public String startMultipart(String key, String contentType, Map<String, String> metadata) {
            return "upload-1";
        }

        @Override
        public VideoObjects.Part uploadPart(String key, String uploadId, int partNumber, byte[] buffer, int length) {
            events.add("part " + partNumber);
            senders.add(Thread.currentThread().getName());
            try {
                hook.sending(partNumber);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                events.add("part " + partNumber + " failed");
                throw e;
            }
            bytes.put(partNumber, Arrays.copyOf(buffer, length));
            VideoObjects.Part part = new VideoObjects.Part(partNumber, "etag-" + partNumber);
            parts.add(part);
            events.add("part " + partNumber + " sent");
            return part;
        }

        @Override
        public String completeMultipart(String key, String uploadId, List<VideoObjects.Part> completed) {
            events.add("complete");
            return "etag";
        }

        @Override
        public void abortMultipart(String key, String uploadId) {
            events.add("abort");
        }

        byte[] assembled() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            bytes.keySet().stream().sorted().forEach(number -> out.writeBytes(bytes.get(number)));
            return out.toByteArray();
        }
    }

    private interface PartHook {
        void sending(int partNumber) throws InterruptedException;
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
