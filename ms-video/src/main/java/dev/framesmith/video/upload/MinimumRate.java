package dev.framesmith.video.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.util.unit.DataSize;

/**
 * Cuts off a file that arrives slower than {@code framesmith.video.min-upload-rate}. Only the time spent waiting
 * for the client counts (time this side spends storing a part does not): once that adds up to one window, the
 * bytes received in it must reach the rate, or the upload ends with 408 {@code upload-too-slow}. A client that
 * sends nothing at all is cut by the server's read timeout, answered the same way.
 */
final class MinimumRate extends FilterInputStream {

    private final String filename;
    private final DataSize minRate;
    private final long minBytesPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long waitedNanos;
    private long receivedBytes;
    private boolean tooSlow;

    MinimumRate(InputStream in, String filename, DataSize minRate, Duration window, LongSupplier nanoTime) {
        super(in);
        this.filename = filename;
        this.minRate = minRate;
        this.minBytesPerWindow = minRate.toBytes() * window.toNanos() / 1_000_000_000L;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
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
                    throw tooSlow();
                }
            }
            throw e;
        }
    }

    private RuntimeException tooSlow() {
        tooSlow = true;
        return UploadProblems.tooSlow(filename, minRate);
    }

    /** Once too slow, the rest of the file is not read (closing a part would otherwise read on to its end). */
    @Override
    public void close() throws IOException {
        if (!tooSlow) {
            super.close();
        }
    }

    private void account(long started, int bytes) {
        waitedNanos += nanoTime.getAsLong() - started;
        receivedBytes += bytes;
        if (waitedNanos >= windowNanos) {
            if (receivedBytes < minBytesPerWindow) {
                throw tooSlow();
            }
            waitedNanos = 0;
            receivedBytes = 0;
        }
    }
}
