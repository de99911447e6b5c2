package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The video state machine as a table: every status a move may start from, and where it ends ("-": refused). */
class TransitionTest {

    static final String MACHINE = """
            from:          UPLOADING  UPLOADED   WAITING    QUEUED     PROCESSING DONE  FAILED EXPIRED DELETED
            RENEW_UPLOAD   UPLOADING  -          -          -          -          -     -      -       -
            FINISH_UPLOAD  UPLOADED   -          -          -          -          -     -      -       -
            WAIT           -          WAITING    -          -          -          -     -      -       -
            QUEUE          -          QUEUED     QUEUED     -          -          -     -      -       -
            RESEND         -          -          -          QUEUED     -          -     -      -       -
            START          -          PROCESSING PROCESSING PROCESSING -          -     -      -       -
            PROGRESS       -          PROCESSING PROCESSING PROCESSING PROCESSING -     -      -       -
            COMPLETE       -          DONE       DONE       DONE       DONE       -     -      -       -
            FAIL           -          FAILED     FAILED     FAILED     FAILED     -     -      -       -
            STALL          -          -          -          -          FAILED     -     -      -       -
            EXPIRE         EXPIRED    -          -          -          -          -     -      -       -
            DELETE         DELETED    DELETED    DELETED    DELETED    DELETED    DELETED DELETED DELETED -
            """;

    static Stream<Arguments> everyPair() {
        List<String[]> rows = MACHINE.lines().map(String::strip).map(line -> line.split("\\s+")).toList();
        String[] statuses = Arrays.copyOfRange(rows.get(0), 1, rows.get(0).length);
        List<Arguments> pairs = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            for (int i = 0; i < statuses.length; i++) {
                String result = row[i + 1];
                pairs.add(Arguments.of(Transition.Name.valueOf(row[0]), VideoStatus.valueOf(statuses[i]),
                        result.equals("-") ? null : VideoStatus.valueOf(result)));
            }
        }
        return pairs.stream();
    }

    @Test
    void theTableCoversEveryMoveFromEveryStatus() {
        assertThat(everyPair()).hasSize(Transition.Name.values().length * VideoStatus.values().length);
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @MethodSource("everyPair")
    void eachMoveStartsOnlyFromItsStatusesAndEndsInItsOwn(Transition.Name move, VideoStatus from, VideoStatus to) {
        assertThat(move.allows(from)).isEqualTo(to != null);
        if (to != null) {
            assertThat(move.to()).isEqualTo(to);
        }
    }

    @Test
    void noMoveLeavesAFinishedVideoExceptDelete() {
        for (Transition.Name move : Transition.Name.values()) {
            for (VideoStatus status : VideoStatus.values()) {
                if (status.finished() && move.allows(status)) {
                    assertThat(move).isEqualTo(Transition.Name.DELETE);
                    assertThat(status).isNotEqualTo(VideoStatus.DELETED);
                }
            }
        }
    }

    @Test
    void onlyTheSweepersMovesCheckThatNothingChangedSinceTheRead() {
        Set<Transition.Name> guarded = EnumSet.noneOf(Transition.Name.class);
        for (Transition.Name move : Transition.Name.values()) {
            if (move.requiresUnchangedSinceRead()) {
                guarded.add(move);
            }
        }
        assertThat(guarded).containsExactlyInAnyOrder(Transition.Name.RESEND, Transition.Name.STALL,
                Transition.Name.EXPIRE);
    }

    @Test
    void eachMoveWritesItsOwnFieldsOnly() {
        Instant now = Instant.parse("2026-01-02T03:04:05.000006Z");

        Instant later = now.plusSeconds(3600);
        Video renewed = Transition.renewUpload(later).changes(now);
        assertThat(renewed.getUploadExpiresAt()).isEqualTo(later);
        assertThat(renewed).usingRecursiveComparison().ignoringFields("status", "uploadExpiresAt")
                .isEqualTo(new Video());

        Video finished = Transition.finishUpload("video/webm", "\"etag-1\"").changes(now);
        assertThat(finished.getContentType()).isEqualTo("video/webm");
        assertThat(finished.getSourceEtag()).isEqualTo("\"etag-1\"");

        String upload = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Video queued = Transition.queue(upload).changes(now);
        assertThat(queued.getDispatchedAt()).isEqualTo(now);
        assertThat(queued.getDispatchAttempts()).isEqualTo(1);
        assertThat(queued.getTraceparent()).isEqualTo(upload);
        assertThat(Transition.waitForSlot(upload).changes(now).getTraceparent()).isEqualTo(upload);

        Video resent = Transition.resend(3).changes(now);
        assertThat(resent.getDispatchAttempts()).isEqualTo(3);
        assertThat(resent.getDispatchedAt()).isEqualTo(now);

        Video done = Transition.complete(12, 3456, 12.5, 24_000L).changes(now);
        assertThat(done.getProgress()).isEqualTo(100);
        assertThat(done.getFrameCount()).isEqualTo(12);
        assertThat(done.getZipBytes()).isEqualTo(3456);
        assertThat(done.getDurationSeconds()).isEqualTo(12.5);
        assertThat(done.getPreviewBytes()).isEqualTo(24_000L);
        assertThat(done.getErrorCode()).isNull();

        Video failed = Transition.fail("TOO_LONG", null).changes(now);
        assertThat(failed.getErrorCode()).isEqualTo("TOO_LONG");
        assertThat(failed.getErrorMessage()).isEqualTo("The video is longer than the allowed maximum.");
        assertThat(failed.getFrameCount()).isNull();

        Video stalled = Transition.stall().changes(now);
        assertThat(stalled.getStatus()).isEqualTo(VideoStatus.FAILED);
        assertThat(stalled.getErrorCode()).isEqualTo(FailureReasons.PROCESSING_STALLED);

        assertThat(Transition.expire().changes(now).getPurgeAt()).isEqualTo(VideoStore.purgeAt(now));
        assertThat(Transition.delete().changes(now).getPurgeAt()).isEqualTo(VideoStore.purgeAt(now));
        assertThat(Transition.progress(40).raisedProgress()).isEqualTo(40);

        for (Video plain : List.of(Transition.waitForSlot(null).changes(now), Transition.start().changes(now))) {
            assertThat(plain).usingRecursiveComparison().ignoringFields("status").isEqualTo(new Video());
        }
    }

    @Test
    void progressIsAPercentage() {
        assertThatThrownBy(() -> Transition.progress(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transition.progress(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
