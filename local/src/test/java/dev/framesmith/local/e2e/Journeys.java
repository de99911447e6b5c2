package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.AccountLinks;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Steps shared by the end-to-end tests. */
final class Journeys {

    static final Duration PROCESSING = Duration.ofMinutes(5);

    private Journeys() {
    }

    /** A registered, logged-in user. */
    record User(String name, String email, String password, String token) {

        /** The user's id: the subject of its access token. */
        String id() {
            byte[] claims = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return Api.JSON.readTree(claims).path("sub").asString();
        }
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

    /** A direct upload: the answer that started it, the presigned PUT URL the file went to, the completion's. */
    record DirectUpload(String id, Api.Response started, URI url, Api.Response completed) {
    }

    /**
     * Uploads a small file straight to storage as a client does: the ticket ({@code POST /videos/uploads}, 201), the
     * one presigned PUT with the headers the ticket names (200), and the completion (202).
     */
    static DirectUpload uploadDirectly(Api api, String token, Path file, String contentType) {
        try {
            byte[] content = Files.readAllBytes(file);
            Api.Response started = api.postJson("/videos/uploads", token, Map.of("filename",
                    file.getFileName().toString(), "sizeBytes", content.length, "contentType", contentType, "fps", 1));
            assertThat(started.status()).as("%s", started).isEqualTo(201);
            JsonNode plan = started.json();
            URI url = URI.create(plan.path("url").asString());
            HttpRequest.Builder put = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
            plan.path("headers").properties().forEach(header -> put.header(header.getKey(),
                    header.getValue().asString()));
            assertThat(HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).as("PUT to the presigned URL").isEqualTo(200);
            String id = plan.path("id").asString();
            Api.Response completed = api.postJson("/videos/" + id + "/complete", token, Map.of());
            assertThat(completed.status()).as("%s", completed).isEqualTo(202);
            return new DirectUpload(id, started, url, completed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The local run's mailbox: the e-mails the SES stand-in received. */
    static Mailbox mailbox() {
        return new Mailbox(RunningSystem.system().sentEmailsJson());
    }

    /**
     * Registers a new user with a unique address, logs in, confirms the address with the link e-mailed to it (in
     * that session), and refreshes the token, as the page does, for one that says so.
     */
    static User newUser(Api api, String name) {
        String email = name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        Api.Response registered = api.postJson("/auth/register",
                Map.of("email", email, "password", password, "name", name));
        assertThat(registered.status()).as("register: %s", registered).isEqualTo(201);
        String session = login(api, email, password);
        URI link = mailbox().accountLink(email, AccountLinks.VERIFY_EMAIL);
        Api.Response verified = api.postJson("/auth/verify-email", session, Map.of("token", Mailbox.token(link)));
        assertThat(verified.status()).as("verify: %s", verified).isEqualTo(200);
        Api.Response refreshed = api.postJson("/auth/refresh", session, Map.of());
        assertThat(refreshed.status()).as("refresh: %s", refreshed).isEqualTo(200);
        return new User(name, email, password, refreshed.json().path("accessToken").asString());
    }

    static String login(Api api, String email, String password) {
        Api.Response login = api.postJson("/auth/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        JsonNode body = login.json();
        assertThat(body.path("tokenType").asString()).isEqualToIgnoringCase("Bearer");
        assertThat(body.path("expiresIn").asLong()).isPositive();
        return body.path("accessToken").asString();
    }

    /** {@code POST /videos} as {@code multipart/form-data}: the fields, then each file as a {@code files} part. */
    static Api.Response upload(Api api, String token, List<Upload> files, Map<String, String> fields) {
        Multipart body = new Multipart();
        fields.forEach(body::field);
        files.forEach(file -> body.file("files", file.filename(), file.contentType(), file.content()));
        return api.postMultipart("/videos", token, body);
    }

    static Path workDir() {
        return Path.of(System.getProperty("framesmith.e2e.work", "target/e2e")).toAbsolutePath();
    }

    /** The videos of a list or upload answer: a JSON array, or an object holding one. */
    static List<JsonNode> items(JsonNode page) {
        JsonNode array = page.isArray() ? page : firstArray(page, "items", "videos", "content", "uploads");
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode firstArray(JsonNode object, String... names) {
        for (String name : names) {
            if (object.path(name).isArray()) {
                return object.path(name);
            }
        }
        return fail("no list of videos in %s", object);
    }

    static JsonNode video(Api api, String token, String id) {
        Api.Response response = api.get("/videos/" + id, token);
        assertThat(response.status()).as("GET /videos/%s: %s", id, response).isEqualTo(200);
        return response.json();
    }

    /** Waits until the video is DONE; fails at once, with its reason, if it FAILED instead. */
    static JsonNode awaitDone(Api api, String token, String id) {
        return await("video " + id + " DONE").atMost(PROCESSING).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode video = video(api, token, id);
                    if ("FAILED".equals(video.path("status").asString())) {
                        fail("video %s failed: %s", id, video);
                    }
                    return video;
                }, video -> "DONE".equals(video.path("status").asString()));
    }

    static JsonNode awaitStatus(Api api, String token, String id, String status) {
        return await("video " + id + " " + status).atMost(PROCESSING).pollInterval(Duration.ofMillis(500))
                .until(() -> video(api, token, id), video -> status.equals(video.path("status").asString()));
    }

    /** {@code GET /videos/{id}/download} with {@code Accept: application/json}: the presigned link. */
    static URI downloadLink(Api api, String token, String id) {
        Api.Response response = api.get("/videos/" + id + "/download", token, "Accept", "application/json");
        assertThat(response.status()).as("download link: %s", response).isEqualTo(200);
        JsonNode link = response.json();
        assertThat(link.path("expiresAt").asString()).isNotBlank();
        return URI.create(link.path("url").asString());
    }

    /** Fetches the ZIP through its presigned link, with no credentials. */
    static byte[] downloadZip(Api api, String token, String id) {
        Api.Response zip = api.fetch(downloadLink(api, token, id));
        assertThat(zip.status()).as("presigned GET of video %s", id).isEqualTo(200);
        return zip.bytes();
    }

    static String problemType(Api.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().path("type").asString();
    }

    static String problem(String slug) {
        return "https://framesmith.dev/problems/" + slug;
    }
}
