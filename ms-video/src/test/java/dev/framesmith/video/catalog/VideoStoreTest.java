package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.StoredVideos;
import dev.framesmith.video.support.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
