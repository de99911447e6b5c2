package dev.framesmith.video.upload;

import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Streams one file into S3 with bounded memory: the first bytes decide whether it is a video at all; a small
 * file is one PUT, a larger one a multipart upload whose parts pass through a reused buffer of
 * {@code framesmith.video.part-size}, of which at most {@code framesmith.video.upload-buffers} exist at a time
 * (more concurrent large uploads wait, then get a 503). While more buffers are free, the upload takes up to
 * {@code framesmith.video.parts-in-flight} of them and reads the next part while the previous ones are sent
 * ({@link PartSender}). Whatever fails, nothing stays in the bucket.
 */
@Component
class ObjectStreamer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ObjectStreamer.class);
    /** Read first: enough to sniff the container, and small files never need the part buffer. */
    static final int HEAD_BYTES = 64 * 1024;
    static final Duration BUSY_RETRY = Duration.ofSeconds(30);
    static final String FREE_BUFFERS = "framesmith.video.upload.buffers.free";

    private final VideoObjects objects;
    private final DataSize maxSize;
    private final int partSize;
    private final Semaphore buffers;
    private final Duration bufferWait;
    private final int partsInFlight;
    private final ExecutorService partSenders;

    ObjectStreamer(VideoObjects objects, VideoProperties properties, MeterRegistry meters) {
        this.objects = objects;
        this.maxSize = properties.maxUploadSize();
        this.partSize = (int) properties.partSize().toBytes();
        this.buffers = new Semaphore(properties.uploadBuffers(), true);
        this.bufferWait = properties.uploadBufferWait();
        this.partsInFlight = properties.partsInFlight();
        Gauge.builder(FREE_BUFFERS, buffers, Semaphore::availablePermits)
                .description("Part buffers of streamed uploads free in this replica's pool; at 0 a large upload "
                        + "waits for one, then gets 503")
                .register(meters);
        // one part in flight per spare buffer; should no thread be free, the caller sends the part itself
        this.partSenders = new ThreadPoolExecutor(0, properties.uploadBuffers(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new CustomizableThreadFactory("part-sender-"), (task, pool) -> task.run());
    }

    /** A file now in the bucket. */
    record Stored(String key, long size, String etag, ContentSniffer.Container container) {
    }

    /**
     * @param filename the display name, for problems
     * @param original the name as the client sent it, for the object's metadata
     */
    Stored store(String key, String filename, String original, InputStream in) throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        int headLength = in.readNBytes(head, 0, HEAD_BYTES);
        if (headLength == 0) {
            throw UploadProblems.empty(filename);
        }
        ContentSniffer.Container container = ContentSniffer.detect(head, headLength)
                .orElseThrow(() -> UploadProblems.notAVideo(filename));
        Map<String, String> metadata = Map.of("original-filename", FileNames.metadata(original));
        if (headLength < HEAD_BYTES) {
            checkSize(headLength, filename);
            String etag = objects.put(key, container.mimeType(), metadata, head, headLength);
            return new Stored(key, headLength, etag, container);
        }
        acquireBuffer();
        try {
            return storeLarge(key, filename, in, container, metadata, head, headLength);
        } finally {
            buffers.release();
        }
    }

    private Stored storeLarge(String key, String filename, InputStream in, ContentSniffer.Container container,
            Map<String, String> metadata, byte[] head, int headLength) throws IOException {
        byte[] buffer = new byte[partSize];
        System.arraycopy(head, 0, buffer, 0, headLength);
        int filled = headLength + in.readNBytes(buffer, headLength, partSize - headLength);
        if (filled < partSize) {
            checkSize(filled, filename);
            String etag = objects.put(key, container.mimeType(), metadata, buffer, filled);
            return new Stored(key, filled, etag, container);
        }
        String uploadId = objects.startMultipart(key, container.mimeType(), metadata);
        try (PartSender sender = new PartSender(objects, key, uploadId, buffers, partsInFlight,
                partSenders)) {
            long total = 0;
            while (filled > 0) {
                total += filled;
                checkSize(total, filename);
                buffer = sender.send(buffer, filled);
                filled = in.readNBytes(buffer, 0, partSize);
            }
            String etag = objects.completeMultipart(key, uploadId, sender.parts());
            return new Stored(key, total, etag, container);
        } catch (IOException | RuntimeException e) {
            try {
                objects.abortMultipart(key, uploadId);
            } catch (RuntimeException abortFailed) {
                log.warn("Aborting multipart upload of {} failed; the bucket's lifecycle rule removes it", key,
                        abortFailed);
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        partSenders.shutdown();
    }

    /** Bounds the memory of concurrent large uploads: one part buffer each, at most {@code upload-buffers}. */
    private void acquireBuffer() {
        try {
            if (buffers.tryAcquire(bufferWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw UploadProblems.busy(BUSY_RETRY);
    }

    private void checkSize(long size, String filename) {
        if (size > maxSize.toBytes()) {
            throw UploadProblems.tooLarge(filename, maxSize);
        }
    }
}
