package dev.framesmith.local.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small reverse proxy that routes like the Ingress does in AWS: {@code /auth/**} to ms-auth, everything else
 * (the API under {@code /videos} and the page) to ms-video. Request and response bodies stream through in both
 * directions, so large uploads and server-sent events pass without being held in memory.
 */
public final class Gateway implements AutoCloseable {

    static {
        // The Host header is passed through unchanged, as a load balancer does, so that the services build
        // links (Location headers, OpenAPI server URLs) that point at the gateway.
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private Gateway(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Starts the gateway.
     *
     * @param address where to listen; port 0 picks a free port
     * @param routes  where each path goes
     */
    public static Gateway start(InetSocketAddress address, Routes routes) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gateway-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(workers)
                .build();
        HttpServer server;
        try {
            server = HttpServer.create(address, 256);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        server.createContext("/", new ProxyHandler(routes, client));
        server.setExecutor(workers);
        server.start();
        return new Gateway(server, workers);
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once; open exchanges are cut. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
