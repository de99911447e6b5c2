package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Steps shared by the end-to-end tests. */
final class Journeys {

    static final Duration PROCESSING = Duration.ofMinutes(5);

    private Journeys() {
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
        Api.Response response = api.get("/videos/" + id + "/download", token);
        assertThat(response.status()).as("download link: %s", response).isEqualTo(200);
        JsonNode link = response.json();
        assertThat(link.path("expiresAt").asString()).isNotBlank();
        return URI.create(link.path("url").asString());
    }

    /** Fetches the ZIP through its presigned link, with no credentials. */
    static byte[] downloadZip(Api api, String token, String id) {
        Api.Response zip = api.fetch(downloadLink(api, token, id));
        assertThat(zip.status()).as("presigned GET of video %s", id).isEqualTo(200);
        return zip.body();
    }

    static String problemType(Api.Response response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return response.json().path("type").asString();
    }

    static String problem(String slug) {
        return "https://framesmith.dev/problems/" + slug;
    }
}
