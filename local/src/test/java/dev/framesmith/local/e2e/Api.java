package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.NotificationTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The system's HTTP API as a user's client sees it: through the gateway only. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    Api(URI gateway) {
        this.gateway = gateway;
    }

    /** A registered, logged-in user. */
    record User(String name, String email, String password, String token) {
    }

    /** One file of a multipart upload. */
    record Upload(String filename, String contentType, byte[] content) {
        static Upload of(Path file, String contentType) {
            try {
                return new Upload(file.getFileName().toString(), contentType, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An answer: status, headers and the whole body. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers.firstValue("Content-Type").orElse("") + " " + text();
        }
    }

    /** Registers a new user with a unique address, confirms the address with its link, and logs in. */
    User newUser(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        Response registered = postJson("/auth/register", null,
                Map.of("email", email, "password", password, "name", name));
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        URI link = RunningSystem.system().accountLink(email, NotificationTemplate.VERIFY_EMAIL);
        Response verified = postJson("/auth/verify-email", null,
                Map.of("token", link.getFragment().substring(link.getFragment().indexOf('=') + 1)));
        assertThat(verified.status()).as("verify: %s", verified).isEqualTo(200);
        return new User(name, email, password, login(email, password));
    }

    String login(String email, String password) {
        Response login = postJson("/auth/login", null, Map.of("email", email, "password", password));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        JsonNode body = login.json();
        assertThat(body.path("tokenType").asString()).isEqualToIgnoringCase("Bearer");
        assertThat(body.path("expiresIn").asLong()).isPositive();
        return body.path("accessToken").asString();
    }

    Response postJson(String path, String token, Object body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    Response get(String path, String token) {
        return get(path, token, "application/json");
    }

    Response get(String path, String token, String accept) {
        return send(request(path, token).header("Accept", accept).GET());
    }

    Response delete(String path, String token) {
        return send(request(path, token).header("Accept", "application/json").DELETE());
    }

    /** {@code POST /videos} as {@code multipart/form-data}: the fields, then each file as a {@code files} part. */
    Response upload(String token, List<Upload> files, Map<String, String> fields) {
        String boundary = "framesmith-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        for (Upload file : files) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
            body.writeBytes(file.content());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(request("/videos", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Fetches an absolute URL (a presigned S3 link) with no credentials. */
    Response fetch(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET());
    }

    URI uri(String path) {
        return gateway.resolve(path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofMinutes(2));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
