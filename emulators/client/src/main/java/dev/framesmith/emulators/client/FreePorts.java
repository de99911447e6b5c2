package dev.framesmith.emulators.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for servers that another process starts a moment later (the stand-ins, the local run's
 * services). They are taken below the range the kernel gives outgoing connections their local ports from (Linux's
 * {@code /proc/sys/net/ipv4/ip_local_port_range}), never from it: the port the kernel picks for a listener on port 0
 * comes from that range, and until the server binds it, any connection made on the machine may get it as its local
 * port, so the server fails with "already in use". Each port is free (nothing listens on it) when handed out and is
 * handed out once per JVM.
 */
public final class FreePorts {

    /** The lowest port handed out. */
    static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Where the range starts elsewhere (IANA's dynamic ports: macOS, Windows). */
    private static final int IANA_EPHEMERAL_START = 49_152;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A free port below the ephemeral range, not handed out before by this JVM. */
    public static int pick() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < ATTEMPTS && below > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + below);
    }

    /**
     * Whether nothing listens on the port. Bound with SO_REUSEADDR, as the services and stand-ins bind: a socket of an
     * earlier run still in TIME-WAIT does not keep them from starting, so it does not count as in use either.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the range outgoing connections take their local ports from. */
    static int ephemeralStart() {
        try {
            // Read by lines: Files.readString reads only the first byte of this file (procfs reports its size as 0).
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return IANA_EPHEMERAL_START;
        }
    }
}
