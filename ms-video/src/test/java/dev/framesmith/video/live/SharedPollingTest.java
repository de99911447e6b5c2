package dev.framesmith.video.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.StoredVideos;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A user's changes are queried once per interval for all of that user's streams on this replica: at the fast
 * interval (300 ms here) while a video is in flight or right after this replica changed one, at the idle interval
 * (4 s here) otherwise. Queries are counted as the table receives them.
 */
class SharedPollingTest extends IntegrationTest {

    private static final Duration FAST = Duration.ofMillis(300);
    private static final Duration IDLE = Duration.ofSeconds(4);

    @Autowired
    DynamoDbEnhancedClient enhanced;

    private final List<Stream<String>> bodies = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        bodies.forEach(Stream::close);
    }

    @Test
    void severalStreamsOfOneUserShareOneQueryPerIntervalAndEachGetsEveryChange() throws InterruptedException {
        TestUser user = TestUser.random();
        String id = upload(user.token(), new Multipart().video("live.mp4", TestVideos.mp4(900)))
                .json().path("videos").get(0).path("id").asString();
        awaitStatus(id, VideoStatus.QUEUED);
        List<List<String>> streams = IntStream.range(0, 3).mapToObj(i -> open(user)).toList();

        Instant from = Instant.now();
        Thread.sleep(3000);
        Instant to = Instant.now();
        long queries = changeQueries.of(user.id()).stream()
                .filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
        long intervals = Duration.between(from, to).toMillis() / FAST.toMillis();
        // Three streams polling on their own would make about three per interval; shared, at most one (plus the one
        // under way when the window opened). Polling at the idle pace would make at most two in the window.
        assertThat(queries).isBetween(3L, intervals + 1);

        publish(VideoEvent.started(id, user.id()));
        publish(VideoEvent.progress(id, user.id(), 42));
        for (List<String> lines : streams) {
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains(id) && line.contains("\"PROCESSING\"") && line.contains("\"progress\":42")));
        }
    }

    @Test
    void anIdleUserIsQueriedAtTheIdleIntervalAndAChangeFromAnotherReplicaStillArrives() {
        TestUser user = TestUser.random();
        StoredVideos.stored(store, user, VideoStatus.DONE);
        List<String> first = open(user);
        List<String> second = open(user);

        await().atMost(PATIENCE.plus(IDLE.multipliedBy(3)))
                .until(() -> changeQueries.of(user.id()).size() >= 3);
        List<Instant> idle = changeQueries.of(user.id());
        for (int i = 1; i < idle.size(); i++) {
            // Scheduling only ever delays a poll; 10 % allows for the two clocks' granularity.
            assertThat(Duration.between(idle.get(i - 1), idle.get(i)))
                    .isGreaterThanOrEqualTo(IDLE.multipliedBy(9).dividedBy(10));
        }

        // Another replica writes; nothing on this one hears of it until its next idle poll.
        Video elsewhere = StoredVideos.stored(otherReplica(), user, VideoStatus.QUEUED);
        for (List<String> lines : List.of(first, second)) {
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains(elsewhere.getId()) && line.contains("\"QUEUED\"")));
        }
        // Now a video is in flight: back to the fast pace.
        int seen = changeQueries.of(user.id()).size();
        await().atMost(PATIENCE).until(() -> changeQueries.of(user.id()).size() >= seen + 3);
    }

    @Test
    void anUploadToThisReplicaWakesTheIdlePollingAtOnce() {
        TestUser user = TestUser.random();
        List<String> lines = open(user);
        await().atMost(PATIENCE).until(() -> changeQueries.of(user.id()).size() >= 2);
        List<Instant> before = changeQueries.of(user.id());
        Instant lastIdle = before.get(before.size() - 1);

        Instant uploaded = Instant.now();
        String id = upload(user.token(), new Multipart().video("wake.mp4", TestVideos.mp4(900)))
                .json().path("videos").get(0).path("id").asString();

        await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains(id)));
        Instant woken = changeQueries.of(user.id()).stream().filter(at -> at.isAfter(uploaded)).findFirst()
                .orElseThrow();
        // The idle schedule would have queried IDLE after the last idle query; the upload's change came well before.
        assertThat(woken).isBefore(lastIdle.plus(IDLE.multipliedBy(4).dividedBy(5)));
    }

    /** Opens an event stream of the user and collects its lines. */
    private List<String> open(TestUser user) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/videos/events?access_token="
                + user.token())).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = api.http()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).join();
        assertThat(response.statusCode()).isEqualTo(200);
        bodies.add(response.body());
        CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
        await().atMost(PATIENCE).until(() -> lines.stream()
                .anyMatch(line -> line.startsWith(":") && line.contains("connected")));
        return lines;
    }

    /** The same table as written by another replica: its changes are not announced here. */
    private VideoStore otherReplica() {
        return new VideoStore(enhanced.table(aws.tables().videos(), TableSchema.fromBean(Video.class)), dynamo,
                new SimpleMeterRegistry(), clock, event -> { });
    }
}
