package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.video.support.Api.Response;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.Multipart;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OwnershipTest extends IntegrationTest {

    @Test
    void anotherUsersVideoIsNotFoundOnEveryEndpoint() {
        TestUser owner = TestUser.random();
        TestUser stranger = TestUser.random();
        String id = api.upload(owner.token(), new Multipart().video("mine.mp4", TestVideos.mp4(600)))
                .json().path("videos").get(0).path("id").asString();
        String direct = api.postJson("/videos/uploads", owner.token(),
                "{\"filename\":\"d.mp4\",\"sizeBytes\":100}").json().path("id").asString();

        for (String video : List.of(id, direct)) {
            for (Function<String, Response> call : calls(stranger.token())) {
                Response response = call.apply(video);
                assertThat(response.status()).as(response.toString()).isEqualTo(404);
                assertThat(response.problem()).isEqualTo("video-not-found");
            }
        }
        assertThat(video(id).getStatus()).isNotEqualTo(VideoStatus.DELETED);
        assertThat(objectsOf(owner.id())).contains(StorageKeys.source(owner.id(), id));
        assertThat(video(direct).getStatus()).isEqualTo(VideoStatus.UPLOADING);
        assertThat(api.get("/videos", stranger.token()).json().path("videos")).isEmpty();
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        TestUser user = TestUser.random();
        for (String id : List.of("00000000-0000-4000-8000-000000000000", "not-an-id", "..etc",
                "slots%23" + user.id(), "A0000000-0000-4000-8000-000000000000")) {
            for (Function<String, Response> call : calls(user.token())) {
                Response response = call.apply(id);
                assertThat(response.status()).as(id + " " + response).isEqualTo(404);
            }
        }
    }

    @Test
    void everyEndpointNeedsAValidUserToken() {
        TestUser user = TestUser.random();
        String expired = TestTokens.expiredUser(user.id(), user.email(), user.name());
        String forged = TestTokens.forgedUser(user.id(), user.email(), user.name());
        // A service token and a user token for another audience are not meant for this service.
        String service = TestTokens.service("ms-notify", "notifications:send");
        String elsewhere = TestTokens.userFor("framesmith-elsewhere", user.id(), user.email(), user.name());
        for (String token : new String[] {null, expired, forged, "not.a.jwt", service, elsewhere}) {
            for (Response response : everyEndpoint(token)) {
                assertThat(response.status()).as(response.toString()).isEqualTo(401);
                assertThat(response.problem()).isEqualTo("unauthorized");
            }
        }
        assertThat(itemsOf(user.id())).isEmpty();
    }

    @Test
    void theEventStreamAcceptsTheTokenAsQueryParameterOnly() {
        TestUser user = TestUser.random();
        Response withoutToken = api.get("/videos/events?access_token=" + TestTokens.expiredUser(user.id(),
                user.email(), user.name()), null);
        assertThat(withoutToken.status()).isEqualTo(401);
    }

    private List<Function<String, Response>> calls(String token) {
        return List.of(
                id -> api.get("/videos/" + id, token),
                id -> api.get("/videos/" + id + "/download", token),
                id -> api.delete("/videos/" + id, token),
                id -> api.postEmpty("/videos/" + id + "/complete", token));
    }

    private List<Response> everyEndpoint(String token) {
        String id = "00000000-0000-4000-8000-000000000000";
        Multipart body = new Multipart().video("a.mp4", TestVideos.mp4(500));
        return List.of(
                api.get("/videos", token),
                api.get("/videos/" + id, token),
                api.get("/videos/" + id + "/download", token),
                api.delete("/videos/" + id, token),
                api.postEmpty("/videos/" + id + "/complete", token),
                api.postJson("/videos/uploads", token, "{\"filename\":\"a.mp4\",\"sizeBytes\":10}"),
                api.send(api.request("/videos", token, "Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))),
                api.send(api.request("/videos/events", token).timeout(java.time.Duration.ofSeconds(10)).GET()));
    }
}
