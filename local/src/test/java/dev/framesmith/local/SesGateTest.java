package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SesGateTest {

    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer ses;
    private SesGate gate;

    @BeforeEach
    void start() throws IOException {
        ses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ses.createContext("/", exchange -> {
            accepted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"MessageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ses.start();
        gate = SesGate.open(0, URI.create("http://127.0.0.1:" + ses.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        gate.close();
        ses.stop(0);
    }

    @Test
    void forwardsSendsAndEverythingElse() throws Exception {
        HttpResponse<String> sent = send("ann@example.com");

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("{\"MessageId\":\"m-1\"}");
        assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(http.send(HttpRequest.newBuilder(gate.uri().resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(accepted).hasSize(2);
        assertThat(gate.sends("ann@example.com")).isEqualTo(1);
    }

    @Test
    void throttlesEverySendWhileOnWithSesOwnAnswer() throws Exception {
        gate.throttle(true);

        HttpResponse<String> refused = send("ann@example.com");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("TooManyRequestsException");
        assertThat(refused.body()).contains("\"message\"");
        assertThat(accepted).isEmpty();

        gate.throttle(false);
        assertThat(send("ann@example.com").statusCode()).isEqualTo(200);
        assertThat(gate.sends("ann@example.com")).isEqualTo(2);
    }

    @Test
    void rejectsOneAddressForGoodAndOnlyThatOne() throws Exception {
        gate.reject("Bad@Example.com");

        HttpResponse<String> refused = send("bad@example.com");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("MessageRejected");
        assertThat(send("good@example.com").statusCode()).isEqualTo(200);
        assertThat(accepted).hasSize(1).first().asString().contains("good@example.com");
    }

    @Test
    void actsOnceAfterSesAcceptedASendAndBeforeTheSenderHearsSo() throws Exception {
        AtomicInteger acceptedWhenActing = new AtomicInteger(-1);
        gate.onceAccepted("ann@example.com", () -> acceptedWhenActing.set(accepted.size()));

        send("bob@example.com");
        assertThat(acceptedWhenActing).hasValue(-1);
        send("ann@example.com");
        send("ann@example.com");

        assertThat(acceptedWhenActing).as("e-mails SES had accepted when the action ran").hasValue(2);
    }

    private HttpResponse<String> send(String to) throws Exception {
        String body = "{\"Destination\":{\"ToAddresses\":[\"" + to + "\"]},\"Content\":{}}";
        return http.send(HttpRequest.newBuilder(gate.uri().resolve("/v2/email/outbound-emails"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
