package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TcpRelay;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.video.support.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ms-video with its DynamoDB endpoint behind a relay that the test stops, as if the table's service went away while
 * the service runs: a request that needs the table is a 503 {@code service-unavailable} problem with
 * {@code Retry-After}, not a 500. Its own context, closed after the class, since its table stays unreachable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "framesmith.video.sweep.enabled=false"})
@UseTestBackend
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DependencyDownTest {

    private static TcpRelay dynamodb;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dynamoDbBehindARelay(DynamicPropertyRegistry registry) {
        dynamodb = TcpRelay.to(TestBackend.endpoints().dynamodb());
        registry.add("spring.cloud.aws.dynamodb.endpoint", () -> dynamodb.endpoint().toString());
    }

    @AfterAll
    static void stopRelay() {
        if (dynamodb != null) {
            dynamodb.close();
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
}
