package dev.framesmith.video.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for ms-auth's {@code POST /auth/validate} on 127.0.0.1: 401 for a token revoked here, 200 for any
 * other. The integration tests' ms-video asks it about every user token, as it asks ms-auth in production.
 */
public final class RevokedTokens {

    private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
    private static final HttpServer SERVER = start();

    private RevokedTokens() {
    }

    public static URI uri() {
        return URI.create("http://127.0.0.1:" + SERVER.getAddress().getPort() + "/auth/validate");
    }

    /** From now on the token is refused, as after a password reset. */
    public static void revoke(String token) {
        REVOKED.add(token);
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/auth/validate", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                // A token is base64url text with dots: it appears in the JSON body as it is.
                boolean revoked = REVOKED.stream().anyMatch(body::contains);
                exchange.sendResponseHeaders(revoked ? 401 : 200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
