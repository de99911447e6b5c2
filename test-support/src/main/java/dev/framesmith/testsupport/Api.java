package dev.framesmith.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's HTTP API as a client sees it, over real HTTP/1.1 (redirects are not followed): bearer tokens, JSON,
 * forms, multipart bodies, and answers with their problem type. Optionally from one client address
 * ({@code X-Forwarded-For}), for services that trust it.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String PROBLEM_TYPES = "https://framesmith.dev/problems/";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final String clientAddress;

    public Api(URI base) {
        this(base, null);
    }

    /** A service on this machine. */
    public Api(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/"), null);
    }

    private Api(URI base, String clientAddress) {
        this.base = base;
        this.clientAddress = clientAddress;
    }

    /** The same API called from another client address, sent as {@code X-Forwarded-For}. */
    public Api from(String clientAddress) {
        return new Api(base, clientAddress);
    }

    public String base() {
        return base.toString().replaceAll("/$", "");
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** The underlying client, for streams and other special cases. */
    public HttpClient http() {
        return HTTP;
    }

    public Response get(String path) {
        return get(path, null);
    }

    /** @param headers extra headers as name, value, name, value, ... */
    public Response get(String path, String token, String... headers) {
        return send(request(path, token, headers).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response postJson(String path, Object body) {
        return postJson(path, null, body);
    }

    /** @param body a JSON document as text, or an object to write as JSON */
    public Response postJson(String path, String token, Object body) {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return send(request(path, token, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response post(String path, String contentType, String body) {
        return send(request(path, null, "Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postEmpty(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postMultipart(String path, String token, Multipart body) {
        return send(request(path, token, "Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    }

    /** A form, with the client credentials as HTTP Basic when {@code basicId} is given (RFC 6749 §2.3.1). */
    public Response postForm(String path, Map<String, String> form, String basicId, String basicSecret) {
        String body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path, null, "Content-Type", "application/x-www-form-urlencoded");
        if (basicId != null) {
            String credentials = encode(basicId) + ":" + encode(basicSecret);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** An absolute URL (a presigned link), with no credentials. */
    public Response fetch(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET());
    }

    public HttpRequest.Builder request(String path) {
        return request(path, null);
    }

    /** A request to the API with the token and headers; complete it and {@link #send} it. */
    public HttpRequest.Builder request(String path, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2));
        if (clientAddress != null) {
            builder.header("X-Forwarded-For", clientAddress);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object from alternating keys and values, in that order. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An answer: status, headers and the whole body. */
    public record Response(int status, HttpHeaders headers, byte[] bytes) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The problem's type slug, e.g. {@code validation} for {@code https://framesmith.dev/problems/validation}. */
        public String problem() {
            String type = json().path("type").asString();
            return type.startsWith(PROBLEM_TYPES) ? type.substring(PROBLEM_TYPES.length()) : type;
        }

        @Override
        public String toString() {
            return status + " " + (contentType() == null ? "" : contentType() + " ") + body();
        }
    }
}
