package dev.framesmith.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long LARGE = 200L * 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private HttpServer auth;
    private HttpServer video;
    private Gateway gateway;

    /** What an upstream saw of one request. */
    record Seen(String service, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            long bodyBytes, String bodySha256) {
    }

    @BeforeEach
    void start() throws IOException {
        auth = upstream("auth");
        video = upstream("video");
        gateway = Gateway.start(new InetSocketAddress(LOOPBACK, 0),
                Routes.ingress(origin(auth), origin(video)));
    }

    @AfterEach
    void stop() {
        gateway.close();
        auth.stop(0);
        video.stop(0);
    }

    @Test
    void routesAuthPathsToAuthAndEverythingElseToVideoLikeTheIngress() throws Exception {
        assertThat(get("/auth/login").body()).isEqualTo("auth");
        assertThat(get("/auth").body()).isEqualTo("auth");
        assertThat(get("/auth/.well-known/jwks.json").body()).isEqualTo("auth");
        assertThat(get("/authors").body()).isEqualTo("video");
        assertThat(get("/").body()).isEqualTo("video");
        assertThat(get("/assets/app.js").body()).isEqualTo("video");
        assertThat(get("/videos/123/download").body()).isEqualTo("video");
    }

    @Test
    void passesPathAndQueryOnUnchanged() throws Exception {
        HttpResponse<String> response = get("/videos?status=DONE&cursor=a%2Bb%3D%3D&name=%C3%A9t%C3%A9");

        assertThat(response.statusCode()).isEqualTo(200);
        Seen request = seen.get("video");
        assertThat(request.rawPath()).isEqualTo("/videos");
        assertThat(request.rawQuery()).isEqualTo("status=DONE&cursor=a%2Bb%3D%3D&name=%C3%A9t%C3%A9");
        assertThat(request.method()).isEqualTo("GET");
    }

    @Test
    void forwardsClientAndTraceHeadersAndKeepsTheHost() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gatewayUri("/videos"))
                .header("Authorization", "Bearer abc")
                .header("traceparent", traceparent)
                .header("Accept", "application/json")
                .GET().build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, List<String>> headers = seen.get("video").headers();
        assertThat(headers.get("Authorization")).containsExactly("Bearer abc");
        assertThat(headers.get("Traceparent")).containsExactly(traceparent);
        assertThat(headers.get("Accept")).containsExactly("application/json");
        assertThat(headers.get("X-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(headers.get("X-forwarded-proto")).containsExactly("http");
        assertThat(headers.get("Host")).containsExactly("127.0.0.1:" + gateway.port());
    }

    @Test
    void appendsToAnExistingForwardedForAndDropsHopByHopHeaders() throws Exception {
        String answer = rawRequest("GET /videos HTTP/1.1\r\n"
                + "Host: localhost:" + gateway.port() + "\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "Connection: close, X-Secret-Hop\r\n"
                + "X-Secret-Hop: do-not-forward\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "X-Request-Id: r-1\r\n"
                + "\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200");
        Map<String, List<String>> headers = seen.get("video").headers();
        assertThat(headers.get("X-forwarded-for")).containsExactly("203.0.113.7, 127.0.0.1");
        assertThat(headers.get("X-forwarded-proto")).containsExactly("https");
        assertThat(headers.get("X-request-id")).containsExactly("r-1");
        assertThat(headers.get("Host")).containsExactly("localhost:" + gateway.port());
        assertThat(headers).doesNotContainKeys("X-secret-hop", "Keep-alive");
    }

    @Test
    void streamsALargeRequestBodyWithoutHoldingItBeforeSendingItOn() throws Exception {
        CountDownLatch upstreamGotBytes = new CountDownLatch(1);
        video.createContext("/videos", exchange -> {
            upstreamGotBytes.countDown();
            answerWithDigest(exchange, "video");
        });
        // The client's body stalls after 8 MiB until the upstream has received bytes: a gateway that read the whole
        // body before forwarding it would never let the upstream see any, and the client would give up.
        AtomicBoolean stalledUntilForwarded = new AtomicBoolean();
        InputStream body = new PatternStream(LARGE, 8L * 1024 * 1024, () -> {
            try {
                stalledUntilForwarded.set(upstreamGotBytes.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!stalledUntilForwarded.get()) {
                throw new IOException("the upstream received nothing while the client was sending");
            }
        });

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gatewayUri("/videos"))
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> body), LARGE))
                .build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stalledUntilForwarded).isTrue();
        Seen request = seen.get("video");
        assertThat(request.headers().get("Content-length")).containsExactly(Long.toString(LARGE));
        assertThat(request.bodyBytes()).isEqualTo(LARGE);
        assertThat(request.bodySha256()).isEqualTo(sha256Of(new PatternStream(LARGE, -1, () -> { })));
        assertThat(response.body()).isEqualTo(request.bodySha256());
    }

    @Test
    void aClientStillSendingItsBodyGetsTheEarlyAnswerNotAResetConnection() throws Exception {
        long size = 20L * 1024 * 1024;
        List<String> answers = new ArrayList<>();
        try (ServerSocket refusing = new ServerSocket(0, 50, LOOPBACK);
                Gateway refusingGateway = Gateway.start(new InetSocketAddress(LOOPBACK, 0),
                        Routes.ingress(origin(auth), URI.create("http://127.0.0.1:" + refusing.getLocalPort())))) {
            // Ends when the test closes its socket.
            Thread service = new Thread(() -> refuseOnHeaders(refusing));
            service.setDaemon(true);
            service.start();
            for (int i = 0; i < 40; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + refusingGateway.port()
                                + "/videos/uploads"))
                        .timeout(Duration.ofSeconds(20))
                        .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                                () -> new PatternStream(size, -1, () -> { })), size))
                        .build();
                try {
                    answers.add(Integer.toString(client.send(request, BodyHandlers.ofString()).statusCode()));
                } catch (IOException e) {
                    answers.add(e.toString());
                }
            }
        }

        assertThat(answers).as("the gateway answers every client, not resets its connection under it")
                .isSubsetOf("413", "502").contains("413");
    }

    /**
     * A service that refuses every request on its headers, as the services' body limit does on Content-Length:
     * it answers 413 and closes, as Tomcat does, after reading at most 2 MB more of the body. Closing while the
     * gateway still sends resets that connection, and the gateway may lose the answer (then it answers 502).
     */
    private static void refuseOnHeaders(ServerSocket server) {
        byte[] answer = ("HTTP/1.1 413 Content Too Large\r\nContent-Type: application/problem+json\r\n"
                + "Content-Length: 14\r\nConnection: close\r\n\r\n{\"status\":413}").getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                socket.getOutputStream().write(answer);
                socket.shutdownOutput();
                in.readNBytes(2 * 1024 * 1024);
            } catch (IOException e) {
                // closed with the test
            }
        }
    }

    @Test
    void streamsAChunkedRequestBody() throws Exception {
        long size = 20L * 1024 * 1024;
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gatewayUri("/videos"))
                .POST(BodyPublishers.ofInputStream(() -> new PatternStream(size, -1, () -> { })))
                .build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.get("video").bodyBytes()).isEqualTo(size);
        assertThat(seen.get("video").bodySha256()).isEqualTo(sha256Of(new PatternStream(size, -1, () -> { })));
    }

    @Test
    void streamsALargeResponseBodyWithItsLength() throws Exception {
        video.createContext("/videos/big", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, LARGE);
            try (OutputStream out = exchange.getResponseBody();
                    InputStream in = new PatternStream(LARGE, -1, () -> { })) {
                in.transferTo(out);
            }
        });

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(gatewayUri("/videos/big")).build(),
                BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(LARGE);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(sha256Of(response.body())).isEqualTo(sha256Of(new PatternStream(LARGE, -1, () -> { })));
    }

    @Test
    void passesServerSentEventsThroughAsTheyAreWritten() throws Exception {
        CountDownLatch clientSawFirst = new CountDownLatch(1);
        AtomicBoolean upstreamSawAck = new AtomicBoolean();
        video.createContext("/videos/events", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("event: video\ndata: {\"status\":\"QUEUED\"}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                upstreamSawAck.set(clientSawFirst.await(60, TimeUnit.SECONDS));
                out.write("event: video\ndata: {\"status\":\"DONE\"}\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(gatewayUri("/videos/events?access_token=t"))
                .header("Accept", "text/event-stream").build(), BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            lines.add(reader.readLine());
            lines.add(reader.readLine());
            clientSawFirst.countDown();
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(upstreamSawAck).as("the first event reached the client before the stream ended").isTrue();
        assertThat(lines).containsExactly("event: video", "data: {\"status\":\"QUEUED\"}", "",
                "event: video", "data: {\"status\":\"DONE\"}", "");
    }

    @Test
    void passesRedirectsStatusesAndRepeatedHeadersThrough() throws Exception {
        video.createContext("/videos/1/download", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:9/bucket/key?X-Amz-Signature=abc");
            exchange.getResponseHeaders().add("Set-Cookie", "a=1");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        auth.createContext("/auth/nothing", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        video.createContext("/videos/missing", exchange -> {
            byte[] problem = "{\"type\":\"https://framesmith.dev/problems/not-found\",\"status\":404}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, problem.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(problem);
            }
        });

        HttpResponse<String> redirect = get("/videos/1/download");
        HttpResponse<String> noContent = client.send(HttpRequest.newBuilder(gatewayUri("/auth/nothing"))
                .DELETE().build(), BodyHandlers.ofString());
        HttpResponse<String> missing = get("/videos/missing");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValue("http://127.0.0.1:9/bucket/key?X-Amz-Signature=abc");
        assertThat(redirect.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder("a=1", "b=2");
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("not-found");
    }

    @Test
    void answersBadGatewayWhenTheServiceIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 0, LOOPBACK)) {
            closedPort = socket.getLocalPort();
        }
        try (Gateway toNowhere = Gateway.start(new InetSocketAddress(LOOPBACK, 0),
                Routes.ingress(URI.create("http://127.0.0.1:" + closedPort), origin(video)))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + toNowhere.port() + "/auth/login"))
                    .POST(BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"https://framesmith.dev/problems/bad-gateway\"");
        }
    }

    @Test
    void refusesPathsThatCouldEscapeTheirRoute() throws Exception {
        for (String path : List.of("/auth/../videos", "/auth/%2e%2e/videos", "/videos/.%2E/x", "/auth/a%2Fb",
                "/videos/./x")) {
            String answer = rawRequest("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(answer).as(path).startsWith("HTTP/1.1 400");
            assertThat(answer).as(path).contains("\"type\":\"https://framesmith.dev/problems/malformed-request\"");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void closesAConnectionWhoseHeadersNeverEnd() throws Exception {
        try (Gateway strict = strict(); Socket socket = new Socket(LOOPBACK, strict.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write("GET /videos HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).satisfiesAnyOf(closed -> assertThat(closed).isEmpty(),
                    refused -> assertThat(refused).startsWith("HTTP/1.1 408"));
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void refusesARequestWhoseHeadersTrickleInJustFasterThanTheIdleTimeout() throws Exception {
        try (Gateway strict = strict(); Socket socket = new Socket(LOOPBACK, strict.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /videos HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(500);
            String answer = null;
            // One byte every half second, well inside the idle timeout, for four times the header timeout.
            for (int tick = 0; tick < 24 && answer == null; tick++) {
                out.write('a');
                out.flush();
                try {
                    int first = in.read();
                    answer = first < 0 ? "" : (char) first + new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (SocketTimeoutException stillOpen) {
                    // nothing came back: the gateway still waits for the headers
                }
            }

            assertThat(answer).as("the answer once the headers are late").isNotNull()
                    .startsWith("HTTP/1.1 408 ")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .containsIgnoringCase("Connection: close")
                    .contains("\"type\":\"https://framesmith.dev/problems/request-timeout\"", "\"status\":408");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void cutsOffABodyThatStopsOrTricklesWithARequestTimeoutProblem() throws Exception {
        for (int bytesPerTick : new int[] {0, 10}) {
            try (Gateway strict = strict(); Socket socket = new Socket(LOOPBACK, strict.port())) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /videos/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(new byte[1000]);
                out.flush();
                AtomicBoolean answered = new AtomicBoolean();
                Thread trickle = new Thread(() -> {
                    try {
                        while (!answered.get() && bytesPerTick > 0) {
                            Thread.sleep(100);
                            out.write(new byte[bytesPerTick]);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // the gateway closed the connection
                    }
                });
                trickle.setDaemon(true);
                trickle.start();

                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                answered.set(true);

                assertThat(answer).as("%d bytes per tick", bytesPerTick).startsWith("HTTP/1.1 408")
                        .contains("application/problem+json")
                        .contains("\"type\":\"https://framesmith.dev/problems/request-timeout\"");
            }
        }
        assertThat(seen.values()).noneMatch(request -> request.bodyBytes() == 100_000);
    }

    @Test
    void aTrickleIsCutOffEvenAfterLargeBodiesWentThroughTheSameGateway() throws Exception {
        try (Gateway strict = strict()) {
            HttpResponse<String> fast = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + strict.port() + "/videos/fast"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[20 * 1024 * 1024])).build(),
                    BodyHandlers.ofString());
            assertThat(fast.statusCode()).isEqualTo(200);

            try (Socket socket = new Socket(LOOPBACK, strict.port())) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /videos/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                AtomicBoolean answered = new AtomicBoolean();
                Thread trickle = new Thread(() -> {
                    try {
                        while (!answered.get()) {
                            out.write(new byte[10]);
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the gateway closed the connection
                    }
                });
                trickle.setDaemon(true);
                trickle.start();

                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                answered.set(true);

                assertThat(answer).startsWith("HTTP/1.1 408")
                        .contains("\"type\":\"https://framesmith.dev/problems/request-timeout\"");
            }
        }
    }

    @Test
    void answersItsOwnErrorsAsProblems() throws Exception {
        String tooLarge = rawRequest("GET /videos HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        String malformed = rawRequest("NOT-HTTP\r\n\r\n");

        assertThat(tooLarge).startsWith("HTTP/1.1 431").contains("application/problem+json")
                .contains("\"type\":\"https://framesmith.dev/problems/request-header-fields-too-large\"");
        assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"type\":\"https://framesmith.dev/problems/malformed-request\"");
        assertThat(seen).isEmpty();
    }

    @Test
    void saysItClosesTheConnectionWhenItRefusesARequestItCannotParse() throws Exception {
        for (String request : List.of("GET /videos%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /videos HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")) {
            String answer = rawRequest(request);

            assertThat(answer.lines().takeWhile(line -> !line.isEmpty()))
                    .as("a keep-alive client must not send its next request on a connection that is closed")
                    .anySatisfy(header -> assertThat(header).isEqualToIgnoringCase("Connection: close"));
        }
        assertThat(seen).isEmpty();
    }

    /** A gateway that lets a client idle 2 s, wants request headers within 3 s and bodies at 2 KB/s at least. */
    private Gateway strict() {
        return Gateway.start(new InetSocketAddress(LOOPBACK, 0), Routes.ingress(origin(auth), origin(video)),
                new Gateway.Limits(Duration.ofSeconds(2), Duration.ofSeconds(3), 2048, 16));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(gatewayUri(path)).GET().build(), BodyHandlers.ofString());
    }

    private URI gatewayUri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, gateway.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpServer upstream(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        server.createContext("/", exchange -> answerWithDigest(exchange, name));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    /** Records the request, reads its body through a digest and answers with the service name or the digest. */
    private void answerWithDigest(HttpExchange exchange, String name) throws IOException {
        MessageDigest digest = sha256();
        long bytes = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                bytes += read;
            }
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        seen.put(name, new Seen(name, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), bytes, hex));
        byte[] answer = (bytes > 0 ? hex : name).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static URI origin(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static String sha256Of(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pause in a generated stream. */
    @FunctionalInterface
    interface Pause {
        void await() throws IOException;
    }

    /** A repeatable pseudo-random byte stream of a given length, generated on the fly, with an optional pause. */
    static final class PatternStream extends InputStream {

        private final long length;
        private final long pauseAt;
        private final Pause pause;
        private final AtomicReference<Boolean> paused = new AtomicReference<>(false);
        private long position;

        PatternStream(long length, long pauseAt, Pause pause) {
            this.length = length;
            this.pauseAt = pauseAt;
            this.pause = pause;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (position >= length) {
                return -1;
            }
            if (pauseAt >= 0 && position >= pauseAt && !paused.getAndSet(true)) {
                pause.await();
            }
            long limit = pauseAt >= 0 && position < pauseAt ? pauseAt : length;
            int n = (int) Math.min(count, limit - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                buffer[offset + i] = (byte) (p * 31 + (p >>> 11) + (p >>> 19));
            }
            position += n;
            return n;
        }
    }
}
