package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.testsupport.TcpRelay;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ms-video with its DynamoDB and S3 endpoints behind relays that the tests stop, as if the service went away while
 * ms-video runs: a request that needs it is a 503 {@code service-unavailable} problem with {@code Retry-After}, not
 * a 500. Its own context, closed after the class; each test starts with both relays listening.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "framesmith.video.sweep.enabled=false"})
@UseTestBackend
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DependencyDownTest {

    private static TcpRelay dynamodb;
    private static TcpRelay s3;

    @LocalServerPort
    int port;
    @Autowired
    VideoStore store;

    @DynamicPropertySource
    static void behindRelays(DynamicPropertyRegistry registry) {
        dynamodb = TcpRelay.to(TestBackend.endpoints().dynamodb());
        s3 = TcpRelay.to(TestBackend.endpoints().s3());
        registry.add("spring.cloud.aws.dynamodb.endpoint", () -> dynamodb.endpoint().toString());
        registry.add("spring.cloud.aws.s3.endpoint", () -> s3.endpoint().toString());
    }

    @AfterEach
    void listenAgain() {
        dynamodb.start();
        s3.start();
    }

    @AfterAll
    static void stopRelays() {
        for (TcpRelay relay : new TcpRelay[] {dynamodb, s3}) {
            if (relay != null) {
                relay.close();
            }
        }
    }

    @Test
    void listingVideosWhileTheTableIsUnreachableIsAServiceUnavailableProblemToRetry() {
        Api api = new Api(port);
        TestUser user = TestUser.random();
        Api.Response reachable = api.get("/videos", user.token());
        assertThat(reachable.status()).as(reachable.toString()).isEqualTo(200);
        assertThat(dynamodb.connections()).as("requests went through the relay").isPositive();

        dynamodb.stop();
        Api.Response unreachable = api.get("/videos", user.token());

        assertThat(unreachable.status()).as(unreachable.toString()).isEqualTo(503);
        assertThat(unreachable.contentType()).isEqualTo("application/problem+json");
        assertThat(unreachable.problem()).isEqualTo("service-unavailable");
        assertThat(unreachable.header("Retry-After")).isEqualTo("30");
        assertThat(unreachable.json().path("retryAfterSeconds").asInt()).isEqualTo(30);
        assertThat(unreachable.body()).doesNotContain("127.0.0.1").doesNotContain("Unable to execute");
    }

    @Test
    void aDeleteThatCannotReachStorageIsAServiceUnavailableProblemAndStillGivesTheSlotToTheNextVideo() {
        Api api = new Api(port);
        TestUser user = TestUser.random();
        Api.Response uploaded = api.postMultipart("/videos", user.token(), new Multipart()
                .video("first.mp4", TestVideos.mp4(20_000)).video("second.mp4", TestVideos.mp4(20_000)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
        String first = uploaded.json().path("videos").get(0).path("id").asString();
        String second = uploaded.json().path("videos").get(1).path("id").asString();
        assertThat(uploaded.json().path("videos").get(1).path("status").asString())
                .as("one job of the user waits for a worker at a time").isEqualTo("WAITING");

        s3.stop();
        Api.Response deleted = api.delete("/videos/" + first, user.token());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(503);
        assertThat(deleted.contentType()).isEqualTo("application/problem+json");
        assertThat(deleted.problem()).isEqualTo("service-unavailable");
        assertThat(store.find(first)).get().extracting(Video::getStatus).isEqualTo(VideoStatus.DELETED);
        assertThat(store.find(second)).get().extracting(Video::getStatus)
                .as("the deleted video's slot went to the next one").isEqualTo(VideoStatus.QUEUED);
    }
}
