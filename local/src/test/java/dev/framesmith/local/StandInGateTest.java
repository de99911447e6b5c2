package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StandInGateTest {

    private HttpServer standIn;
    private StandInGate gate;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/", exchange -> {
            byte[] body = ("echo " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        standIn.start();
        gate = StandInGate.open("s3", 0, URI.create("http://127.0.0.1:" + standIn.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        gate.close();
        standIn.stop(0);
    }

    @Test
    void relaysRequestsAndAnswersWhileOpen() throws Exception {
        byte[] large = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gate.uri().resolve("/bucket/key"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).hasSize(large.length + 5).startsWith("echo xxx");
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void aShutGateResetsItsConnectionsAndRefusesNewOnesUntilOpenedAgainOnTheSamePort() throws Exception {
        URI before = gate.uri();
        try (Socket held = new Socket(InetAddress.getLoopbackAddress(), before.getPort())) {
            held.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = held.getInputStream();
            assertThat(in.read()).as("first byte of the answer").isEqualTo('H');
            in.readNBytes(in.available());

            gate.shut();

            assertThatThrownBy(() -> {
                // the connection through the gate is gone: reading ends or is reset
                if (in.read() >= 0) {
                    throw new AssertionError("the connection still answers");
                }
                throw new IOException("ended");
            }).isInstanceOf(IOException.class);
        }
        assertThat(gate.isOpen()).isFalse();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(before).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);

        gate.open();

        assertThat(gate.uri()).isEqualTo(before);
        assertThat(http.send(HttpRequest.newBuilder(before).POST(HttpRequest.BodyPublishers.ofString("again")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("echo again");
    }

    @Test
    void aConnectionMadeOnceTheGateIsShutIsNeverRelayed() throws Exception {
        int port = gate.uri().getPort();
        for (int i = 0; i < 300; i++) {
            gate.open();
            gate.shut();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(2_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                int first;
                try {
                    first = socket.getInputStream().read();
                } catch (IOException reset) {
                    first = -1;
                }
                assertThat(first).as("answer through a shut gate, attempt " + i).isEqualTo(-1);
            } catch (ConnectException refused) {
                // a closed port
            }
        }
    }
}
