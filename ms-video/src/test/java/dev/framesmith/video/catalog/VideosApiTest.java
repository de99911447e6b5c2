package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.web.server.LocalManagementPort;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

class VideosApiTest extends IntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthEndpointGroups groups;

    @Test
    void theListIsNewestFirstAndPagesWithACursor() {
        TestUser user = TestUser.random();
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            uploaded.add(upload(user, "v" + i + ".mp4"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/videos?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), user.token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("videos").forEach(video -> seen.add(video.path("id").asString()));
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(uploaded);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void theListFiltersByStatus() {
        TestUser user = TestUser.random();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(upload(user, "s" + i + ".mp4"));
        }
        startQueuedVideos(user.id(), 4);
        JsonNode waiting = api.get("/videos?status=waiting", user.token()).json().path("videos");
        assertThat(waiting).extracting(video -> video.path("id").asString())
                .containsExactly(ids.get(6), ids.get(5));
        assertThat(waiting).as("the older one runs next").extracting(video -> video.path("queuePosition").asInt())
                .containsExactly(2, 1);
        assertThat(api.get("/videos/" + ids.get(6), user.token()).json().path("queuePosition").asInt()).isEqualTo(2);
        assertThat(api.get("/videos", user.token()).json().path("videos")).filteredOn(
                video -> !video.path("status").asString().equals("WAITING"))
                .allSatisfy(video -> assertThat(video.has("queuePosition")).isFalse());
        JsonNode queued = api.get("/videos?status=QUEUED&limit=100", user.token()).json().path("videos");
        assertThat(queued).extracting(video -> video.path("id").asString()).containsExactly(ids.get(4));
        assertThat(api.get("/videos?status=processing", user.token()).json().path("videos")).hasSize(4);
        assertThat(api.get("/videos?status=DONE", user.token()).json().path("videos")).isEmpty();
    }

    @Test
    void deletingRemovesTheFilesHidesTheVideoAndGivesItsSlotToTheNextOne() {
        TestUser user = TestUser.random();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(upload(user, "d" + i + ".mp4"));
        }
        startQueuedVideos(user.id(), 5);
        assertThat(video(ids.get(5)).getStatus()).isEqualTo(VideoStatus.WAITING);
        String first = ids.get(0);
        s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.frames(user.id(), first)),
                RequestBody.fromString("zip"));
        s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.preview(user.id(), first)),
                RequestBody.fromString("jpeg"));

        Response deleted = api.delete("/videos/" + first, user.token());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(objectsOf(user.id())).doesNotContain(StorageKeys.source(user.id(), first),
                StorageKeys.frames(user.id(), first), StorageKeys.preview(user.id(), first));
        assertThat(video(first).getStatus()).isEqualTo(VideoStatus.DELETED);
        assertThat(api.get("/videos/" + first, user.token()).status()).isEqualTo(404);
        assertThat(api.get("/videos", user.token()).json().path("videos")).hasSize(5);
        assertThat(video(ids.get(5)).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobsOf(user.id())).extracting(job -> job.videoId()).contains(ids.get(5));

        assertThat(api.delete("/videos/" + first, user.token()).status()).isEqualTo(204);

        publish(VideoEvent.completed(first, user.id(), 3, 100, 3.0));
        publish(VideoEvent.progress(ids.get(1), user.id(), 10));
        awaitStatus(ids.get(1), VideoStatus.PROCESSING);
        awaitEventsConsumed();
        assertThat(video(first).getStatus()).isEqualTo(VideoStatus.DELETED);
        assertThat(notificationsOf(first)).isEmpty();
    }

    @Test
    void downloadIsARedirectToThePresignedArchiveOnceDone() throws Exception {
        TestUser user = TestUser.random();
        String id = upload(user, "My Holiday.mp4");

        Response early = api.get("/videos/" + id + "/download", user.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problem()).isEqualTo("not-ready");
        assertThat(early.json().path("status").asInt()).isEqualTo(409);
        assertThat(early.json().path("videoStatus").asString()).isIn("QUEUED", "WAITING", "UPLOADED");

        s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.frames(user.id(), id)),
                RequestBody.fromString("PK-zip-bytes"));
        publish(VideoEvent.completed(id, user.id(), 12, 12, 12.0));
        awaitStatus(id, VideoStatus.DONE);

        Response redirect = api.get("/videos/" + id + "/download", user.token());
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).contains(StorageKeys.frames(user.id(), id)).contains("X-Amz-Signature");
        HttpResponse<String> zip = api.http().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.body()).isEqualTo("PK-zip-bytes");

        Response json = api.get("/videos/" + id + "/download", user.token(), "Accept", "application/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("url").asString()).contains(StorageKeys.frames(user.id(), id));
        assertThat(json.json().path("expiresAt").asString()).isNotBlank();

        JsonNode shown = api.get("/videos/" + id, user.token()).json();
        assertThat(shown.path("status").asString()).isEqualTo("DONE");
        assertThat(shown.path("progress").asInt()).isEqualTo(100);
        assertThat(shown.path("frameCount").asInt()).isEqualTo(12);
        assertThat(shown.path("zipBytes").asLong()).isEqualTo(12);
        assertThat(shown.path("durationSeconds").asDouble()).isEqualTo(12.0);
    }

    @Test
    void theContactSheetIsServedLikeTheDownloadOnceThereIsOne() throws Exception {
        TestUser user = TestUser.random();
        String without = upload(user, "old.mp4");
        String with = upload(user, "new.mp4");

        Response early = api.get("/videos/" + with + "/preview", user.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problem()).isEqualTo("not-ready");

        publish(VideoEvent.completed(without, user.id(), 3, 3, 3.0));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.preview(user.id(), with))
                .contentType("image/jpeg"), RequestBody.fromBytes(jpeg));
        publish(VideoEvent.completed(with, user.id(), 12, 12, 12.0, (long) jpeg.length));
        awaitStatus(without, VideoStatus.DONE);
        awaitStatus(with, VideoStatus.DONE);

        Response none = api.get("/videos/" + without + "/preview", user.token(), "Accept", "application/json");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problem()).isEqualTo("no-preview");
        assertThat(api.get("/videos/" + without, user.token()).json().has("previewBytes")).isFalse();

        Response redirect = api.get("/videos/" + with + "/preview", user.token());
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Cache-Control")).contains("no-store");
        HttpResponse<byte[]> sheet = api.http().send(HttpRequest.newBuilder(URI.create(redirect.header("Location")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.body()).isEqualTo(jpeg);
        assertThat(sheet.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(sheet.headers().firstValue("Content-Disposition")).hasValue("inline");

        Response json = api.get("/videos/" + with + "/preview", user.token(), "Accept", "application/json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("url").asString()).contains(StorageKeys.preview(user.id(), with));
        assertThat(json.json().path("expiresAt").asString()).isNotBlank();
        assertThat(api.get("/videos/" + with, user.token()).json().path("previewBytes").asLong())
                .isEqualTo(jpeg.length);

        Response theirs = api.get("/videos/" + with + "/preview", TestUser.random().token());
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.problem()).isEqualTo("video-not-found");
    }

    @Test
    void theApiDocumentListsEveryEndpointWithItsProblems() {
        JsonNode doc = api.get("/v3/api-docs", null).json();
        JsonNode paths = doc.path("paths");
        assertThat(paths.path("/videos").path("post").path("responses").propertyNames())
                .contains("202", "400", "401", "403", "413", "415", "503");
        assertThat(paths.path("/videos").path("post").path("responses").path("503").path("description").asString())
                .contains("`uploads-busy`").contains("`service-unavailable`");
        assertThat(paths.path("/videos").path("get").path("responses").propertyNames())
                .contains("200", "400", "401", "503");
        assertThat(paths.path("/videos/{id}").path("get").path("responses").propertyNames()).contains("404", "401");
        assertThat(paths.path("/videos/{id}").path("delete").path("responses").propertyNames())
                .contains("204", "404", "401");
        assertThat(paths.path("/videos/{id}/download").path("get").path("responses").propertyNames())
                .contains("302", "404", "409", "401");
        assertThat(paths.path("/videos/{id}/preview").path("get").path("responses").propertyNames())
                .contains("302", "200", "404", "409", "401");
        assertThat(paths.path("/videos/uploads").path("post").path("responses").propertyNames())
                .contains("201", "400", "413", "401");
        assertThat(paths.path("/videos/{id}/complete").path("post").path("responses").propertyNames())
                .contains("202", "404", "409", "415", "401");
        assertThat(paths.path("/videos/{id}/upload-urls").path("post").path("responses").propertyNames())
                .contains("200", "404", "409", "401");
        assertThat(paths.path("/videos/{id}/upload-urls").path("post").path("responses").path("409")
                .path("description").asString()).contains("`already-uploaded`").contains("`upload-expired`");
        assertThat(paths.path("/videos/events").path("get").path("responses").propertyNames()).contains("200", "401");
        assertThat(paths.path("/videos/{id}").path("get").path("parameters").toString()).doesNotContain("userId");
        assertThat(doc.path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(paths.path("/videos/{id}/download").path("get").path("responses").path("409").path("content")
                .path("application/problem+json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(paths.path("/videos/events").path("get").path("security").toString()).contains("bearer");
    }

    @Test
    void healthAndMetricsAreOpenOnTheManagementPortOnly() {
        Api management = new Api(managementPort);
        Response readiness = management.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        Response dependencies = management.get("/actuator/health/dependencies", null);
        assertThat(dependencies.status()).as(dependencies.toString()).isEqualTo(200);
        assertThat(dependencies.json().path("components").propertyNames())
                .containsExactlyInAnyOrder("s3", "sqs", "dynamoDb");
        // AWS checks alert (framesmith_dependencies_up) but never take the pods out of the load balancer.
        assertThat(groups.get("readiness").isMember("sqs")).isFalse();
        assertThat(groups.get("readiness").isMember("s3")).isFalse();
        assertThat(groups.get("readiness").isMember("dynamoDb")).isFalse();
        assertThat(api.get("/readyz", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        upload(TestUser.random(), "m.mp4");
        Response metrics = management.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("framesmith_video_uploads_total{method=\"stream\",service=\"ms-video\"}",
                "framesmith_video_upload_bytes_count{method=\"stream\",service=\"ms-video\"}",
                "framesmith_video_upload_buffers_free",
                "framesmith_video_dispatches_total", "framesmith_video_transitions_total",
                "framesmith_video_videos{");
    }

    @Test
    void theWebPageIsPublic() {
        for (String path : List.of("/", "/index.html", "/favicon.ico", "/assets/app.js")) {
            assertThat(api.get(path, null).status()).as(path).isNotEqualTo(401);
        }
    }

    @Test
    void everyAnswerCarriesTheBrowserProtectionsWithTheBucketAsTheOnlyOtherOrigin() {
        TestUser user = TestUser.random();
        String direct = api.postJson("/videos/uploads", user.token(), "{\"filename\":\"a.mp4\",\"sizeBytes\":900}")
                .json().path("url").asString();
        String bucketOrigin = URI.create(direct).resolve("/").toString().replaceAll("/$", "");

        for (Response response : List.of(api.get("/", null), api.get("/videos", user.token()),
                api.get("/videos", null))) {
            assertThat(response.header("Content-Security-Policy")).as(response.toString())
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                            "connect-src 'self' " + bucketOrigin, "img-src 'self' " + bucketOrigin);
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    private String upload(TestUser user, String name) {
        Response response = upload(user.token(), new Multipart().video(name, TestVideos.mp4(700)));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String id = response.json().path("videos").get(0).path("id").asString();
        await().atMost(PATIENCE).until(() -> !store.find(id).orElseThrow().getStatus().equals(VideoStatus.UPLOADED));
        return id;
    }
}
