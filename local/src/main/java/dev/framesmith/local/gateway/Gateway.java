package dev.framesmith.local.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small reverse proxy that routes like the Ingress does in AWS: {@code /auth/**} to ms-auth, everything else
 * (the API under {@code /videos} and the page) to ms-video. Request and response bodies stream through in both
 * directions, so large uploads and server-sent events pass without being held in memory.
 *
 * <p>Like a load balancer, it does not let slow clients hold it: a connection that sends nothing for
 * {@link Limits#idleTimeout()} (while its headers or its body are expected) is closed, so is one whose request headers
 * take longer than {@link Limits#headerTimeout()} from their first byte, a body that arrives slower than
 * {@link Limits#minRequestBytesPerSecond()} is cut off with 408, a client waiting for its headers to complete holds no
 * thread, and at most {@link Limits#maxThreads()} requests are handled at once. Its own errors are problem
 * details, as the services' are. Like a load balancer, it lingers: when a service answers before it has read the
 * whole body (refusing the request on its headers), the rest is read and dropped for a while, since a connection
 * closed under a client that is still sending is reset, and the reset can destroy the answer before it is read.
 */
public final class Gateway implements AutoCloseable {

    static {
        // The Host header is passed through unchanged, as a load balancer does, so that the services build
        // links (Location headers, OpenAPI server URLs) that point at the gateway.
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
    }

    /**
     * How much a client may hold the gateway.
     *
     * @param idleTimeout              a connection that sends (or reads) nothing this long is closed
     * @param headerTimeout            a connection whose request headers take longer than this, from their first
     *                                 byte, is closed
     * @param minRequestBytesPerSecond a request body slower than this on average is cut off (408)
     * @param maxThreads               requests handled at once; more wait in the accept queue
     */
    public record Limits(Duration idleTimeout, Duration headerTimeout, long minRequestBytesPerSecond, int maxThreads) {

        /**
         * An ALB's idle timeout; 20 s for a request's headers, which a browser sends in one packet; a trickle of
         * under 1 KB/s; far more than one person's browser needs.
         */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(20), 1024, 200);
    }

    private final Server server;
    private final ExecutorService clientThreads;
    private final HeaderDeadline headerDeadline;

    private Gateway(Server server, ExecutorService clientThreads, HeaderDeadline headerDeadline) {
        this.server = server;
        this.clientThreads = clientThreads;
        this.headerDeadline = headerDeadline;
    }

    /**
     * Starts the gateway.
     *
     * @param address where to listen; port 0 picks a free port
     * @param routes  where each path goes
     */
    public static Gateway start(InetSocketAddress address, Routes routes) {
        return start(address, routes, Limits.DEFAULT);
    }

    public static Gateway start(InetSocketAddress address, Routes routes, Limits limits) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService clientThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gateway-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(clientThreads)
                .build();
        QueuedThreadPool pool = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()));
        pool.setName("gateway");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        // Not Jetty's MinimumDataRateHandler: it divides the bytes of every request since the start by the time of
        // this one (so a trickle passes once anything large went through), and its product overflows past 8.6 GB,
        // after which every request body is refused.
        server.setHandler(new ProxyHandler(routes, client, limits.minRequestBytesPerSecond()));
        server.setErrorHandler(new ProblemErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            clientThreads.shutdownNow();
            try {
                server.stop();
            } catch (Exception stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        return new Gateway(server, clientThreads, HeaderDeadline.watch(connector, limits.headerTimeout()));
    }

    /** The port the gateway listens on. */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Stops listening at once; open exchanges are cut. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not stop: " + e.getMessage(), e);
        } finally {
            headerDeadline.close();
            clientThreads.shutdownNow();
        }
    }
}
