package dev.framesmith.video.upload;

import dev.framesmith.video.storage.VideoObjects;
import dev.framesmith.video.storage.VideoObjects.Part;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Sends the parts of one multipart upload. While spare part buffers are free in the pool, up to
 * {@code partsInFlight} parts are sent from other threads and the next part is read into a spare meanwhile, so the
 * client's bytes keep arriving while S3 stores the previous parts. Without a spare, or once another upload waits
 * for a buffer (the spares are then given back), each part is sent from the caller's thread before the next is
 * read. Closing waits for every part still being sent and gives the spares back, so that nothing reaches the upload
 * after it is completed or aborted.
 */
final class PartSender implements AutoCloseable {

    private record Sending(CompletableFuture<Part> part, byte[] buffer) {
    }

    private final VideoObjects objects;
    private final String key;
    private final String uploadId;
    private final Semaphore buffers;
    private final int partsInFlight;
    private final Executor executor;
    private final List<Part> sent = new ArrayList<>();
    private final Deque<Sending> sending = new ArrayDeque<>();
    private final Deque<byte[]> free = new ArrayDeque<>();
    private int spares;
    private int nextNumber = 1;

    PartSender(VideoObjects objects, String key, String uploadId, Semaphore buffers, int partsInFlight,
            Executor executor) {
        this.objects = objects;
        this.key = key;
        this.uploadId = uploadId;
        this.buffers = buffers;
        this.partsInFlight = partsInFlight;
        this.executor = executor;
    }

    /** Sends the first {@code length} bytes of {@code buffer} as the next part; answers the buffer to read into next. */
    byte[] send(byte[] buffer, int length) {
        int number = nextNumber++;
        if (buffers.hasQueuedThreads()) {
            awaitAll();
            giveSparesBack();
        } else {
            while (!sending.isEmpty() && sending.peek().part().isDone()) {
                awaitOldest();
            }
            if (free.isEmpty() && spares < partsInFlight && buffers.tryAcquire()) {
                spares++;
                free.push(new byte[buffer.length]);
            }
            if (free.isEmpty() && !sending.isEmpty()) {
                awaitOldest();
            }
        }
        if (free.isEmpty()) {
            sent.add(objects.uploadPart(key, uploadId, number, buffer, length));
            return buffer;
        }
        sending.add(new Sending(CompletableFuture.supplyAsync(
                () -> objects.uploadPart(key, uploadId, number, buffer, length), executor), buffer));
        return free.pop();
    }

    /** Every part sent, once the last is stored. */
    List<Part> parts() {
        awaitAll();
        return List.copyOf(sent);
    }

    @Override
    public void close() {
        for (Sending part : sending) {
            part.part().handle((stored, error) -> stored).join();
        }
        sending.clear();
        giveSparesBack();
    }

    private void awaitAll() {
        while (!sending.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() {
        Sending oldest = sending.poll();
        try {
            sent.add(oldest.part().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            free.push(oldest.buffer());
        }
    }

    private void giveSparesBack() {
        buffers.release(spares);
        spares = 0;
        free.clear();
    }
}
