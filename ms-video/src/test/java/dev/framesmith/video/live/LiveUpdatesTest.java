package dev.framesmith.video.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.RevokedTokens;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LiveUpdatesTest extends IntegrationTest {

    @Test
    void theStreamCarriesTheCallersStatusAndProgressChanges() {
        TestUser user = TestUser.random();
        TestUser other = TestUser.random();
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/videos/events?access_token="
                + user.token())).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = api.http()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
        try {
            Response upload = upload(user.token(), new Multipart().video("live.mp4", TestVideos.mp4(900)));
            String id = upload.json().path("videos").get(0).path("id").asString();
            upload(other.token(), new Multipart().video("not-yours.mp4", TestVideos.mp4(900)));

            await().atMost(PATIENCE).until(() -> lines.stream()
                    .anyMatch(line -> line.startsWith("data:") && line.contains(id) && line.contains("\"QUEUED\"")));

            publish(VideoEvent.started(id, user.id()));
            publish(VideoEvent.progress(id, user.id(), 42));
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains(id) && line.contains("\"PROCESSING\"") && line.contains("\"progress\":42")));
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith(":heartbeat")
                    || line.startsWith(": heartbeat") || line.equals(":heartbeat")));

            assertThat(lines).filteredOn(line -> line.startsWith("event:")).containsOnly("event:video");
            assertThat(lines).noneMatch(line -> line.contains("not-yours.mp4"));
        } finally {
            response.body().close();
            reader.cancel(true);
        }
    }

    @Test
    void aStreamEndsOnceItsTokenIsRevokedAndOtherStreamsGoOn() {
        TestUser user = TestUser.random();
        TestUser other = TestUser.random();
        HttpResponse<Stream<String>> revoked = openStream(user.token());
        HttpResponse<Stream<String>> kept = openStream(other.token());
        List<String> keptLines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> revokedReader = CompletableFuture.runAsync(() -> revoked.body().forEach(line -> { }));
        CompletableFuture<Void> keptReader = CompletableFuture.runAsync(() -> kept.body().forEach(keptLines::add));
        try {
            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(api.get("/videos", user.token()).status()).isEqualTo(200);

            RevokedTokens.revoke(user.token());

            assertThat(revokedReader).as("the stream of the revoked token ends").succeedsWithin(PATIENCE);
            assertThat(api.get("/videos", user.token()).status()).isEqualTo(401);
            int heard = keptLines.size();
            await().atMost(PATIENCE).until(() -> keptLines.size() > heard
                    && keptLines.subList(heard, keptLines.size()).stream().anyMatch(line -> line.contains("heartbeat")));
            assertThat(keptReader).isNotDone();
        } finally {
            revoked.body().close();
            kept.body().close();
            revokedReader.cancel(true);
            keptReader.cancel(true);
        }
    }

    private HttpResponse<Stream<String>> openStream(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/videos/events?access_token=" + token))
                .header("Accept", "text/event-stream").GET().build();
        return api.http().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).orTimeout(30, TimeUnit.SECONDS)
                .join();
    }
}
