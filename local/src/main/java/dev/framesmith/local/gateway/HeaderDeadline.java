package dev.framesmith.local.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 408 (a {@code request-timeout} problem) and closes a connection whose request headers have not all arrived
 * within the deadline of the request's first byte. The idle timeout alone lets a client that sends one header byte
 * just before each timeout hold its connection for days; this bounds the whole head of a request, as a web server's
 * header timeout does. Connections are looked at every quarter of the deadline, so one is answered between the
 * deadline and a quarter more after its first byte. The parser's state is read from Jetty's HTTP/1.1 connection
 * ({@code server.internal}), which has no such timeout of its own.
 */
final class HeaderDeadline implements AutoCloseable {

    private static final ByteBuffer LATE = late();

    /** When a connection was first seen reading the head of its {@code requests}-th request. */
    private record Reading(long requests, long sinceNanos) {
    }

    private final ServerConnector connector;
    private final long deadlineNanos;
    private final Map<EndPoint, Reading> reading = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-header-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private HeaderDeadline(ServerConnector connector, Duration deadline) {
        this.connector = connector;
        this.deadlineNanos = deadline.toNanos();
    }

    static HeaderDeadline watch(ServerConnector connector, Duration deadline) {
        HeaderDeadline watch = new HeaderDeadline(connector, deadline);
        long period = Math.max(1, deadline.toMillis() / 4);
        watch.timer.scheduleWithFixedDelay(watch::closeLate, period, period, TimeUnit.MILLISECONDS);
        return watch;
    }

    private void closeLate() {
        long now = System.nanoTime();
        Set<EndPoint> open = new HashSet<>();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (!(endPoint.getConnection() instanceof HttpConnection http) || !readingHead(http.getParser())) {
                continue;
            }
            open.add(endPoint);
            long requests = http.getMessagesIn();
            Reading since = reading.compute(endPoint, (key, seen) ->
                    seen != null && seen.requests() == requests ? seen : new Reading(requests, now));
            if (now - since.sinceNanos() >= deadlineNanos) {
                reading.remove(endPoint);
                refuse(endPoint);
            }
        }
        reading.keySet().retainAll(open);
    }

    /** Writes the 408 on the connection, no response having begun on it, then closes it. */
    private static void refuse(EndPoint endPoint) {
        try {
            endPoint.write(Callback.from(endPoint::close, failed -> endPoint.close()), LATE.duplicate());
        } catch (IllegalStateException writePendingOrClosed) {
            endPoint.close();
        }
    }

    private static ByteBuffer late() {
        byte[] body = Problems.json(HttpStatus.REQUEST_TIMEOUT_408, Problems.slug(HttpStatus.REQUEST_TIMEOUT_408),
                "Request Timeout", "The request's headers did not all arrive in time.").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/problem+json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip().asReadOnlyBuffer();
    }

    /** Between a request's first byte and the end of its headers (not waiting on an idle keep-alive connection). */
    private static boolean readingHead(HttpParser parser) {
        return parser.inHeaderState() && !parser.isState(HttpParser.State.START);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
