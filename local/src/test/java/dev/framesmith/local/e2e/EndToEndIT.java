package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.awaitDone;
import static dev.framesmith.local.e2e.Journeys.awaitStatus;
import static dev.framesmith.local.e2e.Journeys.downloadZip;
import static dev.framesmith.local.e2e.Journeys.items;
import static dev.framesmith.local.e2e.Journeys.problem;
import static dev.framesmith.local.e2e.Journeys.problemType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.local.LocalSystem;
import dev.framesmith.testsupport.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The whole system through the gateway only, as a user's client and browser reach it. */
@ExtendWith(RunningSystem.class)
class EndToEndIT {

    private static Api api;
    private static Mailbox mailbox;
    private static TestVideos videos;

    @BeforeAll
    static void connect() {
        LocalSystem system = RunningSystem.system();
        api = new Api(system.gateway());
        mailbox = new Mailbox(system.sentEmailsJson());
        videos = new TestVideos(Journeys.workDir().resolve("videos"));
    }

    @Test
    void threeDifferentVideosUploadedAtOnceBecomeZipsOfDecodableFramesAnnouncedByEmail() {
        Journeys.User ada = Journeys.newUser(api, "Ada Lovelace");
        Map<Path, Integer> seconds = new LinkedHashMap<>();
        seconds.put(videos.mp4("h264-clip", 4), 4);
        seconds.put(videos.webm("vp9-clip", 3), 3);
        seconds.put(videos.mkv("matroska-clip", 5), 5);
        List<Path> files = List.copyOf(seconds.keySet());

        try (EventStream events = EventStream.open(api.uri("/"), ada.token())) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.contentType()).startsWith("text/event-stream");

            Api.Response upload = Journeys.upload(api, ada.token(), List.of(
                    Journeys.Upload.of(files.get(0), "video/mp4"),
                    Journeys.Upload.of(files.get(1), "video/webm"),
                    Journeys.Upload.of(files.get(2), "video/x-matroska")), Map.of("fps", "1"));

            assertThat(upload.status()).as("upload: %s", upload).isEqualTo(202);
            assertThat(upload.header("Location")).isNotNull();
            List<JsonNode> created = items(upload.json());
            assertThat(created).extracting(video -> video.path("filename").asString())
                    .containsExactly("h264-clip.mp4", "vp9-clip.webm", "matroska-clip.mkv");
            List<String> ids = created.stream().map(video -> video.path("id").asString()).toList();
            assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();

            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                int duration = seconds.get(files.get(i));
                JsonNode done = awaitDone(api, ada.token(), id);
                int frameCount = done.path("frameCount").asInt();
                assertThat(frameCount).as("frames of a %d s video at 1 fps", duration)
                        .isBetween(duration - 1, duration + 1);

                byte[] zip = downloadZip(api, ada.token(), id);
                List<String> entries = Frames.decodeAll(zip);
                assertThat(entries).hasSize(frameCount).doesNotHaveDuplicates();

                String filename = files.get(i).getFileName().toString();
                Mailbox.Email ready = await("VIDEO_READY e-mail for " + filename).atMost(Journeys.PROCESSING)
                        .until(() -> mailbox.to(ada.email()).stream()
                                .filter(email -> email.content().contains(filename)).findFirst(),
                                Optional::isPresent).orElseThrow();
                assertThat(ready.links()).as("links in %s: the video on the page, no presigned link", ready)
                        .contains(RunningSystem.system().gateway().resolve("/#download=" + id))
                        .allSatisfy(link -> assertThat(link.getQuery()).isNull());
            }

            await("a DONE event for each video").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                    assertThat(ids).allSatisfy(id -> assertThat(events.events()).as("events %s", events.lines())
                            .anySatisfy(event -> {
                                assertThat(event.path("id").asString()).isEqualTo(id);
                                assertThat(event.path("status").asString()).isEqualTo("DONE");
                                assertThat(event.path("progress").asInt()).isEqualTo(100);
                            })));
        }
        assertThat(mailbox.to(ada.email())).as("the address confirmation and one per video").hasSize(4);
    }

    @Test
    void anMpegTransportStreamBecomesAZipOfDecodableFrames() {
        Journeys.User user = Journeys.newUser(api, "Broadcast Recorder");
        Api.Response upload = Journeys.upload(api, user.token(),
                List.of(Journeys.Upload.of(videos.ts("transport-stream", 3), "video/mp2t")), Map.of("fps", "1"));
        assertThat(upload.status()).as("upload: %s", upload).isEqualTo(202);
        String id = items(upload.json()).get(0).path("id").asString();

        JsonNode done = awaitDone(api, user.token(), id);

        assertThat(done.path("frameCount").asInt()).isBetween(2, 4);
        assertThat(Frames.decodeAll(downloadZip(api, user.token(), id))).hasSize(done.path("frameCount").asInt());
    }

    @Test
    void aDirectUploadGoesStraightToStorageAndIsProcessedOnceCompleted() throws Exception {
        Journeys.User linus = Journeys.newUser(api, "Linus");
        Path clip = videos.webm("direct-clip", 3);
        byte[] content = Files.readAllBytes(clip);

        Api.Response started = api.postJson("/videos/uploads", linus.token(), Map.of("filename", "direct-clip.webm",
                "sizeBytes", content.length, "contentType", "video/webm", "fps", 1));

        assertThat(started.status()).as("%s", started).isEqualTo(201);
        JsonNode plan = started.json();
        String id = plan.path("id").asString();
        assertThat(plan.path("url").asString()).as("a single presigned PUT for a small file").isNotBlank();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(plan.path("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        plan.path("headers").properties().forEach(header -> put.header(header.getKey(), header.getValue().asString()));
        int stored = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(stored).as("PUT to the presigned URL").isEqualTo(200);

        Api.Response completed = api.postJson(plan.path("completeUrl").asString("/videos/" + id + "/complete"),
                linus.token(), Map.of());

        assertThat(completed.status()).as("%s", completed).isEqualTo(202);
        JsonNode done = awaitDone(api, linus.token(), id);
        assertThat(done.path("filename").asString()).isEqualTo("direct-clip.webm");
        assertThat(done.path("sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(Frames.decodeAll(downloadZip(api, linus.token(), id))).hasSize(done.path("frameCount").asInt());
    }

    @Test
    void theDownloadEndpointRedirectsToTheSameZipWithoutAJsonAccept() {
        Journeys.User grace = Journeys.newUser(api, "Grace Hopper");
        Path clip = videos.mp4("redirect-clip", 2);
        String id = items(Journeys.upload(api, grace.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of("fps", "1"))
                .json()).get(0).path("id").asString();
        awaitDone(api, grace.token(), id);

        Api.Response redirect = api.get("/videos/" + id + "/download", grace.token(), "Accept", "*/*");

        assertThat(redirect.status()).isEqualTo(302);
        URI location = URI.create(redirect.header("Location"));
        byte[] viaRedirect = api.fetch(location).bytes();
        assertThat(Frames.decodeAll(viaRedirect)).hasSize(video(grace, id).path("frameCount").asInt());
    }

    @Test
    void aCorruptFileFailsWithAReasonAndTheOwnerIsToldByEmail() {
        Journeys.User alan = Journeys.newUser(api, "Alan Turing");
        Path corrupt = videos.corruptMp4("broken-clip");

        Api.Response upload = Journeys.upload(api, alan.token(), List.of(Journeys.Upload.of(corrupt, "video/mp4")),
                Map.of("fps", "1"));

        assertThat(upload.status()).as("upload: %s", upload).isEqualTo(202);
        String id = items(upload.json()).get(0).path("id").asString();
        JsonNode failed = awaitStatus(api, alan.token(), id, "FAILED");
        String reason = failed.path("error").path("message").asString("");
        assertThat(reason).as("reason in %s", failed).isNotBlank();

        Api.Response download = api.get("/videos/" + id + "/download", alan.token());
        assertThat(download.status()).isEqualTo(409);
        assertThat(problemType(download)).startsWith(problem(""));

        Mailbox.Email email = await("VIDEO_FAILED e-mail").atMost(Journeys.PROCESSING)
                .until(() -> mailbox.to(alan.email()).stream()
                        .filter(sent -> sent.content().contains("broken-clip.mp4")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(email.content()).contains("broken-clip.mp4");
        assertThat(email.links()).noneSatisfy(link -> assertThat(link.getPath()).endsWith(".zip"));
    }

    @Test
    void aUserCannotSeeDownloadOrDeleteAnotherUsersVideos() {
        Journeys.User owner = Journeys.newUser(api, "Owner");
        Journeys.User other = Journeys.newUser(api, "Other");
        Path clip = videos.mp4("private-clip", 2);
        String id = items(Journeys.upload(api, owner.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of("fps", "1"))
                .json()).get(0).path("id").asString();
        awaitDone(api, owner.token(), id);

        Api.Response list = api.get("/videos", other.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(items(list.json())).noneSatisfy(video -> assertThat(video.path("id").asString()).isEqualTo(id));
        for (Api.Response response : Arrays.asList(
                api.get("/videos/" + id, other.token()),
                api.get("/videos/" + id + "/download", other.token()),
                api.get("/videos/" + id + "/download", other.token(), "Accept", "*/*"),
                api.postJson("/videos/" + id + "/complete", other.token(), Map.of()),
                api.delete("/videos/" + id, other.token()))) {
            assertThat(response.status()).as("%s", response).isEqualTo(404);
            assertThat(problemType(response)).isEqualTo(problem("video-not-found"));
        }

        assertThat(video(owner, id).path("status").asString()).isEqualTo("DONE");
        assertThat(Frames.decodeAll(downloadZip(api, owner.token(), id))).isNotEmpty();
        Api.Response anonymous = api.get("/videos/" + id, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(problemType(anonymous)).isEqualTo(problem("unauthorized"));
    }

    @Test
    void theOwnerDeletesAVideoAndItIsGone() {
        Journeys.User owner = Journeys.newUser(api, "Deleter");
        Path clip = videos.mp4("short-lived", 2);
        String id = items(Journeys.upload(api, owner.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of("fps", "1"))
                .json()).get(0).path("id").asString();
        awaitDone(api, owner.token(), id);
        URI link = Journeys.downloadLink(api, owner.token(), id);

        Api.Response deleted = api.delete("/videos/" + id, owner.token());

        assertThat(deleted.status()).as("%s", deleted).isIn(200, 202, 204);
        assertThat(api.get("/videos/" + id, owner.token()).status()).isEqualTo(404);
        assertThat(items(api.get("/videos", owner.token()).json()))
                .noneSatisfy(video -> assertThat(video.path("id").asString()).isEqualTo(id));
        assertThat(api.fetch(link).status()).as("the ZIP is removed from storage").isEqualTo(404);
    }

    private static JsonNode video(Journeys.User user, String id) {
        return Journeys.video(api, user.token(), id);
    }
}
