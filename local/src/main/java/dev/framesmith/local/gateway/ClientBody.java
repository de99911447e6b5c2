package dev.framesmith.local.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The client's request body, remembering why reading it failed (too slow, gone). Too slow: from its first read
 * on, this request's body arrives slower than {@code minBytesPerSecond} on average (checked once a second has
 * passed); a client that sends nothing at all meets the connection's idle timeout instead. Reads are serialized:
 * the upstream request's publisher and {@link #discardRest} may read from different threads.
 */
final class ClientBody extends FilterInputStream {

    private static final long SECOND = 1_000_000_000L;

    private final long minBytesPerSecond;
    private final LongSupplier nanoTime;
    private long bytes;
    private long firstRead = -1;
    private volatile IOException failure;
    private boolean discarded;

    ClientBody(InputStream in, long minBytesPerSecond) {
        this(in, minBytesPerSecond, System::nanoTime);
    }

    ClientBody(InputStream in, long minBytesPerSecond, LongSupplier nanoTime) {
        super(in);
        this.minBytesPerSecond = minBytesPerSecond;
        this.nanoTime = nanoTime;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (discarded) {
            throw new IOException("the request was answered before its body was forwarded");
        }
        if (firstRead < 0) {
            firstRead = nanoTime.getAsLong();
        }
        int read;
        try {
            read = super.read(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (read > 0) {
            bytes += read;
            long elapsed = nanoTime.getAsLong() - firstRead;
            // bytes / seconds < minimum, without the overflow of bytes * 1e9
            if (elapsed >= SECOND && bytes < minBytesPerSecond * (elapsed / (double) SECOND)) {
                failure = new IOException("the request body arrived at " + bytes * SECOND / elapsed
                        + " bytes/s, below " + minBytesPerSecond);
                throw failure;
            }
        }
        return read;
    }

    /**
     * Reads and drops what the client still sends of a body that was answered before it was all forwarded (a
     * service refusing it on its headers), for at most {@code limit}: a connection closed while the client is
     * still sending is reset, and the reset can destroy the answer before the client reads it. Nothing is
     * forwarded after this. A body read to its end lets the connection serve another request.
     */
    synchronized void discardRest(Duration limit) {
        if (failure != null) {
            return;
        }
        long deadline = nanoTime.getAsLong() + limit.toNanos();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (nanoTime.getAsLong() - deadline < 0 && read(buffer, 0, buffer.length) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // the client went away or trickles: the connection is closed
        } finally {
            discarded = true;
        }
    }

    IOException failure() {
        return failure;
    }
}
