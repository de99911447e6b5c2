package dev.framesmith.local.e2e;

import dev.framesmith.testsupport.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * A user's server-sent events ({@code GET /videos/events?access_token=...}) read the way a browser's EventSource
 * does, through the gateway; each event's data is kept as JSON in arrival order.
 */
final class EventStream implements AutoCloseable {

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final int status;
    private final String contentType;
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.body = response.body();
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.reader = new Thread(this::read, "sse-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static EventStream open(URI gateway, String token) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        gateway.resolve("/videos/events?access_token=" + Api.encode(token)))
                .header("Accept", "text/event-stream")
                .GET().build();
        try {
            return new EventStream(http.send(request, BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** The JSON data of every event received so far. */
    List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Every line received so far, for failure messages. */
    List<String> lines() {
        return new ArrayList<>(raw);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                raw.add(line);
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        parse(data.toString());
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void parse(String data) {
        try {
            events.add(Api.JSON.readTree(data));
        } catch (RuntimeException e) {
            // a comment or keep-alive that is not JSON
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
