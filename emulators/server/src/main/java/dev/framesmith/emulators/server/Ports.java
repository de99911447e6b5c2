package dev.framesmith.emulators.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** The given port, or a port that is free on 127.0.0.1 right now when 0. */
    static int resolve(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static String httpUrl(int port) {
        return "http://" + HOST + ":" + port;
    }
}
