package dev.framesmith.video.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.tracing.Traces;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.aws.ResourceRoles;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoOutcomes;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.StoredVideos;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import software.amazon.awssdk.core.sync.RequestBody;

class SweeperTest extends IntegrationTest {

    /** Longer than the context's dispatch-retry-after (10 s), redispatch-after (30 s) and stale-after (60 s). */
    private static final Duration LATER = Duration.ofMinutes(2);

    @Autowired
    private StuckVideoSweeper sweeper;
    @Autowired
    private Slots slots;
    @Autowired
    private FairDispatcher dispatcher;
    @Autowired
    private VideoProperties properties;
    @Autowired
    private QueueSender queueSender;
    @Autowired
    private Traces traces;
    @Autowired
    private VideoOutcomes outcomes;
    @Autowired
    private VideoObjects objects;

    @Test
    void aVideoWhoseDispatchWasLostIsDispatched() {
        TestUser user = TestUser.random();
        Video lost = stored(user, VideoStatus.UPLOADED);

        sweeper.sweep();
        assertThat(video(lost.getId()).getStatus()).as("not before dispatch-retry-after")
                .isEqualTo(VideoStatus.UPLOADED);

        // Past dispatch-retry-after, well before redispatch-after: a job never sent waits for no long queue.
        clock.advance(properties.sweep().dispatchRetryAfter().plusSeconds(1));
        sweeper.sweep();

        assertThat(video(lost.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactly(lost.getId());
        assertThat(slotHolders(user.id())).containsExactly(lost.getId());
    }

    @Test
    void aQueuedVideoWhoseJobWasLostIsSentAgainWithGrowingPauses() {
        TestUser user = TestUser.random();
        Video queued = stored(user, VideoStatus.QUEUED);
        slots.acquire(user.id(), queued.getId());
        Duration pause = properties.sweep().redispatchAfter();

        clock.advance(pause.plusSeconds(1));
        sweeper.sweep();
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactly(queued.getId());
        assertThat(video(queued.getId()).getDispatchAttempts()).isEqualTo(2);

        clock.advance(pause.plusSeconds(1));
        sweeper.sweep();
        assertThat(jobsOf(user.id())).as("not again before the doubled pause").hasSize(1);

        clock.advance(pause);
        sweeper.sweep();
        assertThat(jobsOf(user.id())).as("again after the doubled pause").hasSize(2);
        assertThat(video(queued.getId()).getDispatchAttempts()).isEqualTo(3);
        assertThat(video(queued.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(slotHolders(user.id())).containsExactly(queued.getId());
    }

    @Test
    void aStaleProcessingVideoFailsAndTheUserIsToldOnce() {
        TestUser user = TestUser.random();
        Video stale = stored(user, VideoStatus.PROCESSING);
        takeSlotOfStartedJob(user, stale.getId());
        Video waiting = stored(user, VideoStatus.WAITING);
        clock.advance(LATER);
        for (int i = 0; i < 4; i++) {
            takeSlotOfStartedJob(user, stored(user, VideoStatus.PROCESSING).getId());
        }

        sweeper.sweep();
        sweeper.sweep();

        Video failed = video(stale.getId());
        assertThat(failed.getStatus()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.getErrorCode()).isEqualTo("PROCESSING_STALLED");
        assertThat(notificationsOf(stale.getId())).singleElement().satisfies(notification -> {
            assertThat(notification.template()).isEqualTo(NotificationTemplate.VIDEO_FAILED);
            assertThat(notification.recipientEmail()).isEqualTo(user.email());
            assertThat(notification.failureReason()).isNotBlank();
        });
        assertThat(slotHolders(user.id())).doesNotContain(stale.getId()).contains(waiting.getId()).hasSize(5);
        assertThat(video(waiting.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
    }

    @Test
    void aProcessingVideoIsStalledOnlyStaleAfterItsLastSignOfLife() {
        TestUser user = TestUser.random();
        Video running = stored(user, VideoStatus.PROCESSING);
        takeSlotOfStartedJob(user, running.getId());
        Duration staleAfter = properties.sweep().staleAfter();

        clock.advance(staleAfter.dividedBy(2));
        publish(VideoEvent.progress(running.getId(), user.id(), 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> video(running.getId()).getUpdatedAt()
                .isAfter(running.getUpdatedAt()));
        clock.advance(staleAfter.dividedBy(2).plusSeconds(5));
        sweeper.sweep();
        assertThat(video(running.getId()).getStatus()).as("alive: a sign of life came within stale-after")
                .isEqualTo(VideoStatus.PROCESSING);
        assertThat(slotHolders(user.id())).containsExactly(running.getId());

        clock.advance(staleAfter.dividedBy(2));
        sweeper.sweep();
        assertThat(video(running.getId()).getStatus()).as("silent for longer than stale-after")
                .isEqualTo(VideoStatus.FAILED);
        assertThat(slotHolders(user.id())).isEmpty();
    }

    @Test
    void aStalledVideoWhoseFollowUpBrokeIsToldOnANextSweep() {
        TestUser user = TestUser.random();
        Video stale = stored(user, VideoStatus.PROCESSING);
        takeSlotOfStartedJob(user, stale.getId());
        clock.advance(LATER);
        followUpFaults.failOnce(stale.getId());

        sweeper.sweep();
        assertThat(video(stale.getId()).getStatus()).isEqualTo(VideoStatus.FAILED);
        assertThat(notificationsOf(stale.getId())).as("the first follow-up broke before the e-mail").isEmpty();

        sweeper.sweep();
        assertThat(notificationsOf(stale.getId())).as("not before redispatch-after").isEmpty();

        clock.advance(properties.sweep().redispatchAfter().plusSeconds(1));
        StuckVideoSweeper.Report report = sweeper.sweep();
        assertThat(report.finishedAgain()).isGreaterThanOrEqualTo(1);
        assertThat(notificationsOf(stale.getId())).singleElement().satisfies(notification ->
                assertThat(notification.template()).isEqualTo(NotificationTemplate.VIDEO_FAILED));
        assertThat(slotHolders(user.id())).isEmpty();

        clock.advance(LATER);
        sweeper.sweep();
        assertThat(notificationsOf(stale.getId())).as("once").hasSize(1);
    }

    @Test
    void aDispatchInterruptedAfterItsSlotWasTakenIsResumedAfterTheDispatchRetryPeriod() {
        TestUser user = TestUser.random();
        // A crash between taking the slot and sending the job: the video holds a slot and is still WAITING.
        for (int i = 0; i < 4; i++) {
            takeSlotOfStartedJob(user, stored(user, VideoStatus.PROCESSING).getId());
        }
        Video interrupted = stored(user, VideoStatus.WAITING);
        slots.acquire(user.id(), interrupted.getId());
        Video next = stored(user, VideoStatus.WAITING);

        sweeper.sweep();
        assertThat(video(interrupted.getId()).getStatus()).as("not before dispatch-retry-after")
                .isEqualTo(VideoStatus.WAITING);

        // Past dispatch-retry-after, well before redispatch-after: sending a job takes milliseconds.
        clock.advance(properties.sweep().dispatchRetryAfter().plusSeconds(1));
        sweeper.sweep();

        assertThat(video(interrupted.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactly(interrupted.getId());
        assertThat(video(next.getId()).getStatus()).as("no slot free for it").isEqualTo(VideoStatus.WAITING);
    }

    @ParameterizedTest
    @EnumSource(value = VideoStatus.class, names = {"UPLOADED", "WAITING"})
    void aSendThatFailsKeepsTheSlotOfAVideoThatHeldItBefore(VideoStatus status) {
        TestUser user = TestUser.random();
        // Another dispatch of this video (a replica between its slot and its send) took the slot; it may well
        // have sent the job, so a failed send here must not give that slot away.
        Video held = stored(user, status);
        assertThat(slots.acquire(user.id(), held.getId())).isEqualTo(Slots.Acquired.TAKEN);
        clock.advance(properties.sweep().dispatchRetryAfter().plusSeconds(1));

        sweeperSendingTo("sweeper-test-missing-processing").sweep();

        assertThat(video(held.getId()).getStatus()).isEqualTo(status);
        assertThat(slotHolders(user.id())).containsExactly(held.getId());
        assertThat(jobsOf(user.id())).isEmpty();

        sweeper.sweep();

        assertThat(video(held.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactly(held.getId());
        assertThat(slotHolders(user.id())).containsExactly(held.getId());
    }

    @Test
    void aStartWhoseRecordWasLostIsRecordedAndMakesRoomForTheNextJob() {
        TestUser user = TestUser.random();
        // The start was written, but recording it in the slot item failed: the job still counts as queued.
        Video running = stored(user, VideoStatus.PROCESSING);
        slots.acquire(user.id(), running.getId());
        Video next = stored(user, VideoStatus.WAITING);

        dispatcher.fillSlots(user.id());
        assertThat(video(next.getId()).getStatus()).as("one of the user's jobs already waits for a worker")
                .isEqualTo(VideoStatus.WAITING);

        StuckVideoSweeper.Report report = sweeper.sweep();

        assertThat(report.slotsRepaired()).isEqualTo(1);
        assertThat(video(next.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(slots.queued(user.id())).containsExactly(next.getId());
        assertThat(slotHolders(user.id())).containsExactlyInAnyOrder(running.getId(), next.getId());
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactly(next.getId());
    }

    @Test
    void slotsHeldByFinishedOrUnknownVideosAreFreedForWaitingOnes() {
        TestUser user = TestUser.random();
        Video done = stored(user, VideoStatus.DONE);
        Video deleted = stored(user, VideoStatus.DELETED);
        takeSlotOfStartedJob(user, done.getId());
        takeSlotOfStartedJob(user, deleted.getId());
        takeSlotOfStartedJob(user, UUID.randomUUID().toString());
        Video interrupted = stored(user, VideoStatus.WAITING);
        Video first = stored(user, VideoStatus.WAITING);
        Video second = stored(user, VideoStatus.WAITING);
        Video third = stored(user, VideoStatus.WAITING);
        Video fourth = stored(user, VideoStatus.WAITING);
        clock.advance(LATER);
        Video running = stored(user, VideoStatus.PROCESSING);
        takeSlotOfStartedJob(user, running.getId());
        slots.acquire(user.id(), interrupted.getId());

        StuckVideoSweeper.Report report = sweeper.sweep();

        assertThat(report.slotsRepaired()).isGreaterThanOrEqualTo(4);
        assertThat(video(interrupted.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(video(first.getId()).getStatus()).as("behind the user's job still queued")
                .isEqualTo(VideoStatus.WAITING);
        assertThat(startQueuedVideos(user.id(), 3)).containsExactly(interrupted.getId(), first.getId(),
                second.getId());
        assertThat(slotHolders(user.id())).containsExactlyInAnyOrder(running.getId(), interrupted.getId(),
                first.getId(), second.getId(), third.getId());
        assertThat(video(third.getId()).getStatus()).isEqualTo(VideoStatus.QUEUED);
        assertThat(video(fourth.getId()).getStatus()).isEqualTo(VideoStatus.WAITING);
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId)
                .containsExactlyInAnyOrder(interrupted.getId(), first.getId(), second.getId(), third.getId());
    }

    @Test
    void anAbandonedDirectUploadExpiresAndItsDataIsRemoved() throws Exception {
        TestUser user = TestUser.random();
        Response started = api.postJson("/videos/uploads", user.token(),
                "{\"filename\":\"gone.mp4\",\"sizeBytes\":" + 7 * 1024 * 1024 + "}");
        String id = started.json().path("id").asString();
        String partUrl = started.json().path("parts").get(0).path("url").asString();
        HttpResponse<String> part = api.http().send(HttpRequest.newBuilder(URI.create(partUrl))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(TestVideos.mp4(5 * 1024 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(openMultipartUploadsOf(user.id())).hasSize(1);
        Response small = api.postJson("/videos/uploads", user.token(), "{\"filename\":\"g.mp4\",\"sizeBytes\":10}");
        String smallId = small.json().path("id").asString();
        s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.source(user.id(), smallId)),
                RequestBody.fromBytes(TestVideos.mp4(10)));

        sweeper.sweep();
        assertThat(video(id).getStatus()).as("not before the upload URLs expired").isEqualTo(VideoStatus.UPLOADING);

        clock.advance(properties.uploadUrlTtl().plus(properties.sweep().uploadGrace()).plusSeconds(1));
        sweeper.sweep();

        assertThat(video(id).getStatus()).isEqualTo(VideoStatus.EXPIRED);
        assertThat(video(smallId).getStatus()).isEqualTo(VideoStatus.EXPIRED);
        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
        assertThat(objectsOf(user.id())).isEmpty();
        Response completed = api.postEmpty("/videos/" + smallId + "/complete", user.token());
        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.problem()).isEqualTo("upload-expired");
        assertThat(api.get("/videos?status=EXPIRED", user.token()).json().path("videos")).hasSize(2);
        assertThat(jobsOf(user.id())).isEmpty();
    }

    /**
     * A worker may store a contact sheet or a ZIP (and renew its claim) after the video was deleted while it ran,
     * until its next heartbeat finds the claim gone: what it wrote goes once older than {@code orphan-grace}, while a
     * finished video's outputs stay.
     */
    @Test
    void whatAWorkerStoredForAVideoDeletedWhileItRanIsRemovedOnceOlderThanTheGrace() {
        TestUser user = TestUser.random();
        Video deleted = stored(user, VideoStatus.DELETED);
        Video done = stored(user, VideoStatus.DONE);
        List<String> late = List.of(StorageKeys.frames(user.id(), deleted.getId()),
                StorageKeys.preview(user.id(), deleted.getId()), StorageKeys.jobClaim(user.id(), deleted.getId()));
        List<String> kept = List.of(StorageKeys.frames(user.id(), done.getId()),
                StorageKeys.preview(user.id(), done.getId()));
        for (String key : concat(late, kept)) {
            s3.putObject(request -> request.bucket(aws.bucket()).key(key), RequestBody.fromString(key));
        }

        sweeper.removeOrphans();
        assertThat(objectsOf(user.id())).as("not before orphan-grace").containsExactlyInAnyOrderElementsOf(
                concat(late, kept));

        clock.advance(properties.sweep().orphanGrace().plusMinutes(1));
        sweeper.removeOrphans();

        assertThat(objectsOf(user.id())).containsExactlyInAnyOrderElementsOf(kept);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    /**
     * What a streamed upload cut off while S3 was unreachable leaves under {@code raw/} (parts of no video), and what
     * a worker killed while it sent a large ZIP in parts leaves under {@code frames/} (its retry starts another
     * upload): neither is ever aborted by whoever started it.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMultipartUploadLeftOpenIsAbortedOnceItIsOlderThanAnyUploadOrJobMayTake(boolean zip) {
        TestUser user = TestUser.random();
        String videoId = UUID.randomUUID().toString();
        String key = zip ? StorageKeys.frames(user.id(), videoId) : StorageKeys.source(user.id(), videoId);
        String uploadId = s3.createMultipartUpload(request -> request.bucket(aws.bucket()).key(key)).uploadId();
        s3.uploadPart(request -> request.bucket(aws.bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(TestVideos.mp4(1024)));

        sweeper.removeOrphans();
        assertThat(openMultipartUploadsOf(user.id())).as("kept while an upload or a job may still go on")
                .containsExactly(key);

        clock.advance(properties.sweep().abandonedUploadAfter().plusMinutes(1));
        sweeper.removeOrphans();

        assertThat(openMultipartUploadsOf(user.id())).isEmpty();
        assertThat(objectsOf(user.id())).isEmpty();
    }

    /** The video holds one of the user's slots, and its job started (it no longer waits in the queue). */
    private void takeSlotOfStartedJob(TestUser user, String videoId) {
        assertThat(slots.acquire(user.id(), videoId)).isEqualTo(Slots.Acquired.TAKEN);
        slots.started(user.id(), videoId);
    }

    /** A sweeper like the context's whose jobs go to {@code queue}, playing the processing queue's role. */
    private StuckVideoSweeper sweeperSendingTo(String queue) {
        ResourceRoles.register(new MockEnvironment().withProperty("framesmith.aws.queues.processing", queue));
        var names = new FramesmithAwsProperties.QueueNames(queue, aws.queues().events(), aws.queues().notifications(),
                aws.queues().feedback());
        var elsewhere = new FramesmithAwsProperties(aws.bucket(), names, aws.tables(), aws.provision(), aws.health());
        var failing = new FairDispatcher(store, slots, queueSender, traces, elsewhere, new SimpleMeterRegistry());
        return new StuckVideoSweeper(store, failing, outcomes, objects, properties, clock);
    }

    private Video stored(TestUser user, VideoStatus status) {
        return StoredVideos.stored(store, user, status);
    }
}
