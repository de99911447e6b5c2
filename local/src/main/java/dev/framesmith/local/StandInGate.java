package dev.framesmith.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The port the services know an emulated AWS service by: a TCP relay in front of the stand-in, so that the stand-in
 * can be taken away from them and given back without touching the emulator kit (whose stand-ins share one process).
 * {@link #shut()} closes the port and every connection through it, so the services see what they would see if the
 * service went away (connections reset, then refused); {@link #open()} listens on the same port again.
 */
final class StandInGate implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String name;
    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private ServerSocket server;
    private Future<?> acceptor;

    private StandInGate(String name, int port, URI target) {
        this.name = name;
        this.port = port;
        this.target = new InetSocketAddress(LOOPBACK, target.getPort());
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gate-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens a gate on {@code port} (0: any free port) relaying to the stand-in at {@code target}.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    static StandInGate open(String name, int port, URI target) {
        ServerSocket bound = bind(name, port);
        StandInGate gate = new StandInGate(name, bound.getLocalPort(), target);
        gate.listen(bound);
        return gate;
    }

    /** The address the services use, in place of the stand-in's own. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Whether the gate lets connections through. */
    synchronized boolean isOpen() {
        return server != null;
    }

    /** Listens again on the same port; nothing happens when it is open. */
    synchronized void open() {
        if (server == null) {
            listen(bind(name, port));
        }
    }

    /**
     * Closes the port and drops every connection through it; nothing happens when it is shut. Returns once the
     * port refuses connections: a thread blocked in {@code accept} keeps the listening socket alive until it
     * returns, and may still be handed a connection that arrived meanwhile, which is reset, never relayed.
     */
    void shut() {
        Future<?> accepting;
        synchronized (this) {
            if (server == null) {
                return;
            }
            closeQuietly(server);
            server = null;
            connections.forEach(StandInGate::reset);
            connections.clear();
            accepting = acceptor;
        }
        try {
            accepting.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the accepting thread ended anyway, or is stuck: the port is closed either way
        }
    }

    @Override
    public void close() {
        shut();
        threads.shutdownNow();
    }

    private synchronized void listen(ServerSocket bound) {
        server = bound;
        acceptor = threads.submit(() -> accept(bound));
    }

    private void accept(ServerSocket bound) {
        while (true) {
            Socket client;
            try {
                client = bound.accept();
            } catch (IOException e) {
                return; // shut
            }
            synchronized (this) {
                if (server != bound) {
                    reset(client); // arrived as the gate was shut
                    return;
                }
                connections.add(client);
            }
            threads.execute(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        connections.add(upstream);
        try {
            upstream.connect(target, 5_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            threads.execute(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException e) {
            closeBoth(client, upstream);
        }
    }

    /** Copies one direction until it ends, then ends the other: a relayed HTTP connection lives and dies whole. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // reset, or closed by shut()
        } finally {
            closeBoth(from, to);
        }
    }

    private void closeBoth(Socket one, Socket other) {
        connections.remove(one);
        connections.remove(other);
        closeQuietly(one);
        closeQuietly(other);
    }

    private static ServerSocket bind(String name, int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 200);
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the " + name + " stand-in on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Closes with a reset, as the connections of a process that went away end. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // closed already
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
