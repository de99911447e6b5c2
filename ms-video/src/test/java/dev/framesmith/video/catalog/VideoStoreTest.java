package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.StoredVideos;
import dev.framesmith.video.support.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The store performs the state machine as written: every move from every status, against the real table. */
class VideoStoreTest extends IntegrationTest {

    private static final Map<Transition.Name, Transition> MOVES = Map.ofEntries(
            Map.entry(Transition.Name.RENEW_UPLOAD, Transition.renewUpload(Instant.parse("2026-01-01T01:00:00Z"))),
            Map.entry(Transition.Name.FINISH_UPLOAD, Transition.finishUpload("video/mp4", "\"etag-1\"")),
            Map.entry(Transition.Name.WAIT, Transition.waitForSlot(null)),
            Map.entry(Transition.Name.QUEUE, Transition.queue(null)),
            Map.entry(Transition.Name.RESEND, Transition.resend(2)),
            Map.entry(Transition.Name.START, Transition.start()),
            Map.entry(Transition.Name.PROGRESS, Transition.progress(30)),
            Map.entry(Transition.Name.COMPLETE, Transition.complete(3, 30, 3.0, 300L)),
            Map.entry(Transition.Name.FAIL, Transition.fail("CORRUPT_VIDEO", null)),
            Map.entry(Transition.Name.STALL, Transition.stall()),
            Map.entry(Transition.Name.EXPIRE, Transition.expire()),
            Map.entry(Transition.Name.DELETE, Transition.delete()));

    @Test
    void everyMoveFromEveryStatusIsWrittenOrRefusedAsTheMachineSays() {
        assertThat(MOVES).hasSize(Transition.Name.values().length);
        TestUser user = TestUser.random();
        for (Transition.Name name : Transition.Name.values()) {
            for (VideoStatus from : VideoStatus.values()) {
                Video video = StoredVideos.stored(store, user, from);
                Optional<Video> after = store.apply(video, MOVES.get(name));
                assertThat(after.map(Video::getStatus)).as("%s from %s", name, from)
                        .isEqualTo(name.allows(from) ? Optional.of(name.to()) : Optional.empty());
                assertThat(video(video.getId()).getStatus()).isEqualTo(after.isPresent() ? name.to() : from);
            }
        }
    }

    /**
     * Dispatch, queue positions and the upload quotas read a user's pending videos (direct uploads not completed,
     * WAITING ones) through a sparse index: a video is in it exactly while it is pending, from its creation or its
     * move there, so the read costs the pending videos, not the user's whole history.
     */
    @Test
    void aUsersPendingVideosAreReadFromAnIndexThatHoldsOnlyThePendingOnes() {
        TestUser user = TestUser.random();
        StoredVideos.stored(store, user, VideoStatus.DONE);
        Video uploading = StoredVideos.stored(store, user, VideoStatus.UPLOADING);
        Video first = StoredVideos.stored(store, user, VideoStatus.WAITING);
        StoredVideos.stored(store, user, VideoStatus.FAILED);
        Video second = StoredVideos.stored(store, user, VideoStatus.WAITING);

        assertThat(video(uploading.getId()).getPendingUserId()).isEqualTo(user.id());
        assertThat(video(first.getId()).getPendingUserId()).isEqualTo(user.id());
        assertThat(itemsInPendingIndex(user)).isEqualTo(3);
        assertThat(store.waitingOldestFirst(user.id()).map(Video::getId)).containsExactly(first.getId(),
                second.getId());
        assertThat(store.countPending(user.id(), VideoStatus.WAITING, 100)).isEqualTo(2);
        assertThat(store.countPending(user.id(), VideoStatus.WAITING, 1)).isEqualTo(1);
        assertThat(store.countPending(user.id(), VideoStatus.UPLOADING, 100)).isEqualTo(1);

        store.apply(video(uploading.getId()), Transition.finishUpload("video/mp4", "\"etag-1\"")).orElseThrow();
        store.apply(video(first.getId()), Transition.queue(null)).orElseThrow();
        store.apply(video(second.getId()), Transition.delete()).orElseThrow();

        assertThat(video(first.getId()).getPendingUserId()).isNull();
        assertThat(video(first.getId()).getUserId()).isEqualTo(user.id());
        assertThat(itemsInPendingIndex(user)).isZero();
        assertThat(store.waitingOldestFirst(user.id())).isEmpty();
        assertThat(store.countPending(user.id(), VideoStatus.WAITING, 100)).isZero();
        assertThat(store.countPending(user.id(), VideoStatus.UPLOADING, 100)).isZero();
    }

    private int itemsInPendingIndex(TestUser user) {
        return dynamo.query(request -> request.tableName(store.tableName()).indexName(VideoStore.PENDING_BY_USER)
                .keyConditionExpression("pendingUserId = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user.id())))
                .select(Select.COUNT)).scannedCount();
    }

    @Test
    void theSweepersMovesFailWhenTheVideoChangedSinceItWasRead() {
        TestUser user = TestUser.random();
        Video read = StoredVideos.stored(store, user, VideoStatus.PROCESSING);
        clock.advance(Duration.ofSeconds(1));
        store.apply(read, Transition.progress(10)).orElseThrow();

        assertThat(store.apply(read, Transition.stall())).isEmpty();
        assertThat(video(read.getId()).getStatus()).isEqualTo(VideoStatus.PROCESSING);
        assertThat(store.apply(video(read.getId()), Transition.stall())).isPresent();
    }

    @Test
    void progressOnlyRisesButEveryReportIsASignOfLife() {
        TestUser user = TestUser.random();
        Video video = StoredVideos.stored(store, user, VideoStatus.QUEUED);

        Video sixty = store.apply(video, Transition.progress(60)).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        Video late = store.apply(video, Transition.progress(20)).orElseThrow();

        assertThat(sixty.getStatus()).isEqualTo(VideoStatus.PROCESSING);
        assertThat(late.getProgress()).isEqualTo(60);
        assertThat(late.getUpdatedAt()).isAfter(sixty.getUpdatedAt());
    }

    /**
     * DynamoDB removes an item once the epoch second in the table's TTL attribute has passed, and only if that
     * attribute is a number: a video that is expired or deleted carries it, under the name Terraform gives the table.
     */
    @Test
    void anExpiredOrDeletedVideoIsPurgedOnTheAttributeTerraformNamesAsTheTablesTimeToLive() throws IOException {
        String ttl = terraformTimeToLiveAttribute("framesmith-videos");
        TestUser user = TestUser.random();
        for (Transition.Name name : new Transition.Name[] {Transition.Name.EXPIRE, Transition.Name.DELETE}) {
            VideoStatus from = Arrays.stream(VideoStatus.values()).filter(name::allows).findFirst().orElseThrow();
            Video video = StoredVideos.stored(store, user, from);
            // Time flows while the move is written: its second lies between these two.
            long earliest = clock.instant().plus(VideoStore.KEEP_FINISHED).getEpochSecond();
            store.apply(video, MOVES.get(name)).orElseThrow();
            long latest = clock.instant().plus(VideoStore.KEEP_FINISHED).getEpochSecond();

            AttributeValue purgeAt = dynamo.getItem(request -> request.tableName(store.tableName())
                    .key(Map.of("id", AttributeValue.fromS(video.getId()))).consistentRead(true)).item().get(ttl);
            assertThat(purgeAt).as("%s: the item's %s", name, ttl).isNotNull();
            assertThat(purgeAt.n()).as("%s: %s is a number", name, ttl).isNotNull();
            assertThat(Long.parseLong(purgeAt.n())).as("%s: %s in epoch seconds", name, ttl)
                    .isBetween(earliest, latest);
        }
    }

    /** The {@code ttl_attribute} of the table named {@code table} in the Terraform module that creates the tables. */
    private static String terraformTimeToLiveAttribute(String table) throws IOException {
        String module = Files.readString(Path.of("..", "infra", "terraform", "modules", "framesmith", "main.tf"));
        Matcher block = Pattern.compile("\\{[^{}]*name\\s*=\\s*\"" + Pattern.quote(table) + "\"[^{}]*").matcher(module);
        assertThat(block.find()).as("Terraform declares the table %s", table).isTrue();
        Matcher ttl = Pattern.compile("ttl_attribute\\s*=\\s*\"(\\w+)\"").matcher(block.group());
        assertThat(ttl.find()).as("Terraform's table %s has a ttl_attribute", table).isTrue();
        return ttl.group(1);
    }
}
