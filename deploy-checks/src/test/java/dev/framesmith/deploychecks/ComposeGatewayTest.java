package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's gateway ({@code deploy/gateway/nginx.conf}) answers what it refuses itself, or gets no answer
 * for, as the services answer: problem details of the same types. Its configuration runs here in Debian's nginx, on a
 * free port, its temporary files in a directory of the test's and the services' addresses pointed at a port where
 * nothing listens; everything else as committed.
 */
class ComposeGatewayTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    static Path dir;
    private static Process nginx;
    private static int port;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        assertThat(NGINX).as("Debian's nginx runs the compose gateway's configuration: apt-get install nginx")
                .isExecutable();
        port = freePort();
        String committed = Files.readString(Repository.path("deploy/gateway/nginx.conf"));
        String nowhere = "127.0.0.1:" + freePort();
        String conf = replace(replace(replace(replace(committed, "listen 8080;", "listen 127.0.0.1:" + port + ";"),
                " /tmp/", " " + dir + "/"), "ms-auth:8081", nowhere), "ms-video:8082", nowhere);
        Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
        nginx = new ProcessBuilder(NGINX.toString(), "-c", file.toString(), "-p", dir.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (!listening()) {
            assertThat(nginx.isAlive()).as("nginx: %s", Files.readString(dir.resolve("nginx.log"))).isTrue();
            assertThat(Instant.now()).as("nginx listening on %d", port).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.descendants().forEach(ProcessHandle::destroyForcibly);
                nginx.destroyForcibly();
            }
        }
    }

    @Test
    void aRequestItCannotReadIsAMalformedRequestProblem() {
        assertProblem(exchange("NOT-HTTP\r\n\r\n"), 400, "malformed-request");
        assertProblem(exchange("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "malformed-request");
    }

    @Test
    void headersOverItsBuffersAreRequestHeaderFieldsTooLarge() {
        assertProblem(exchange("GET /videos HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000)
                + "\r\nConnection: close\r\n\r\n"), 431, "request-header-fields-too-large");
    }

    @Test
    void traceIsMethodNotAllowed() {
        assertProblem(exchange("TRACE /videos HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405,
                "method-not-allowed");
    }

    @Test
    void aServiceItCannotReachIsServiceUnavailableWithRetryAfter() {
        for (String path : new String[] {"/auth/login", "/videos", "/"}) {
            Answer answer = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertProblem(answer, 503, "service-unavailable");
            assertThat(answer.head()).as(path).containsIgnoringCase("\r\nRetry-After: 30\r\n");
        }
    }

    private record Answer(int status, String head, String body) {
    }

    private static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.head()).as("%s", answer).containsIgnoringCase("\r\nContent-Type: application/problem+json");
        assertThat(answer.body()).as("%s", answer)
                .startsWith("{\"type\":\"https://framesmith.dev/problems/" + slug + "\"")
                .contains("\"status\":" + status);
    }

    /** Sends the bytes as they are, which no HTTP client would, and reads the whole answer. */
    private static Answer exchange(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", text).isPositive();
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end + 2),
                    text.substring(end + 4));
        } catch (IOException e) {
            throw new AssertionError("no answer from nginx on " + port, e);
        }
    }

    private static String replace(String text, String committed, String here) {
        assertThat(text).as("the gateway's configuration").contains(committed);
        return text.replace(committed, here);
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
