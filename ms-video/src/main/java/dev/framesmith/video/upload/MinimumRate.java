package dev.framesmith.video.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.util.unit.DataSize;

/**
 * Cuts off a request body that arrives slower than {@code framesmith.video.min-upload-rate}: every byte of it counts,
 * files, fields, part headers and what is skipped alike. Only the time spent waiting for the client counts (time
 * this side spends storing a part does not): once that adds up to one window, the bytes received in it must reach
 * the rate, or the upload ends with 408 {@code upload-too-slow}, naming the file being read if any. A client that
 * sends nothing at all is cut by the server's read timeout, answered the same way. And the whole body must have
 * arrived within {@code framesmith.video.stream-max-duration} of its start, all time counted, or it ends with 408
 * {@code upload-too-long}.
 */
final class MinimumRate extends FilterInputStream {

    private final DataSize minRate;
    private final long minBytesPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Duration maxDuration;
    private final long deadlineNanos;
    private long waitedNanos;
    private long receivedBytes;
    /** The file whose content is being read, {@code null} between files. */
    private String filename;

    MinimumRate(InputStream in, DataSize minRate, Duration window, Duration maxDuration, LongSupplier nanoTime) {
        super(in);
        this.maxDuration = maxDuration;
        this.deadlineNanos = nanoTime.getAsLong() + maxDuration.toNanos();
        this.minRate = minRate;
        this.minBytesPerWindow = minRate.toBytes() * window.toNanos() / 1_000_000_000L;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The file read from now on, {@code null} once its content has been read. */
    void reading(String filename) {
        this.filename = filename;
    }

    @Override
    public int read() throws IOException {
        long started = nanoTime.getAsLong();
        int read = guarded(() -> super.read());
        account(started, read < 0 ? 0 : 1);
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long started = nanoTime.getAsLong();
        int read = guarded(() -> super.read(buffer, offset, length));
        account(started, Math.max(read, 0));
        return read;
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SocketTimeoutException) {
                    throw UploadProblems.tooSlow(filename, minRate);
                }
            }
            throw e;
        }
    }

    private void account(long started, int bytes) {
        long now = nanoTime.getAsLong();
        if (now - deadlineNanos > 0) {
            throw UploadProblems.tooLong(filename, maxDuration);
        }
        waitedNanos += now - started;
        receivedBytes += bytes;
        if (waitedNanos >= windowNanos) {
            if (receivedBytes < minBytesPerWindow) {
                throw UploadProblems.tooSlow(filename, minRate);
            }
            waitedNanos = 0;
            receivedBytes = 0;
        }
    }
}
