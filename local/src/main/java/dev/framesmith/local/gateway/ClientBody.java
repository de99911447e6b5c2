package dev.framesmith.local.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The client's request body, remembering why reading it failed (too slow, gone). Too slow: from its first read
 * on, this request's body arrives slower than {@code minBytesPerSecond} on average (checked once a second has
 * passed); a client that sends nothing at all meets the connection's idle timeout instead.
 */
final class ClientBody extends FilterInputStream {

    private static final long SECOND = 1_000_000_000L;

    private final long minBytesPerSecond;
    private final LongSupplier nanoTime;
    private long bytes;
    private long firstRead = -1;
    private volatile IOException failure;

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
    public int read(byte[] buffer, int offset, int length) throws IOException {
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

    IOException failure() {
        return failure;
    }
}
