package dev.framesmith.video.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.Queues;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.QueueProbe;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class WorkerEventsTest extends IntegrationTest {

    /** The processing dead-letter queue's visibility timeout while a test needs a failed message back soon. */
    private static final int SHORT_VISIBILITY_SECONDS = 3;
    /** How long before the test an e-mail claim of a dead receiver was taken: 10 s before it lapses. */
    private static final Duration CLAIMED_AGO = Duration.ofSeconds(50);

    @Autowired
    private MeterRegistry meters;

    @Test
    void eventsDeliveredTwiceAndOutOfOrderLeaveExactStatusesSlotsAndOneNotificationEach() {
        long doneBefore = turnarounds("done", null);
        long hdBefore = turnarounds("done", "hd");
        long failedBefore = turnarounds("failed", null);
        TestUser user = TestUser.random();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(upload(user, "replay-" + i + ".mp4"));
        }
        assertThat(startQueuedVideos(user.id(), 5)).isEqualTo(ids.subList(0, 5));
        assertThat(ids.subList(5, 7)).allMatch(id -> video(id).getStatus() == VideoStatus.WAITING);

        List<VideoEvent> firstWave = new ArrayList<>();
        for (String id : ids.subList(0, 5)) {
            s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.frames(user.id(), id)),
                    RequestBody.fromString("zip"));
            VideoEvent started = VideoEvent.started(id, user.id());
            VideoEvent forty = VideoEvent.progress(id, user.id(), 40);
            VideoEvent eighty = VideoEvent.progress(id, user.id(), 80);
            VideoEvent completed = VideoEvent.completed(id, user.id(), 30, 4096, 30.0);
            firstWave.addAll(List.of(started, forty, eighty, completed, started, forty, eighty, completed));
        }
        Collections.shuffle(firstWave, new Random(42));
        firstWave.forEach(this::publish);

        for (String id : ids.subList(0, 5)) {
            awaitStatus(id, VideoStatus.DONE);
        }
        awaitStatus(ids.get(5), VideoStatus.QUEUED);
        assertThat(video(ids.get(6)).getStatus()).as("not before the sixth starts").isEqualTo(VideoStatus.WAITING);
        startQueuedVideos(user.id(), 1);
        await().atMost(PATIENCE).until(() -> jobsOf(user.id()).size() == 7);
        awaitStatus(ids.get(6), VideoStatus.QUEUED);

        String sixth = ids.get(5);
        String seventh = ids.get(6);
        List<VideoEvent> secondWave = new ArrayList<>(List.of(
                VideoEvent.completed(sixth, user.id(), 5, 500, 5.0).withResolution("hd"),
                VideoEvent.started(sixth, user.id()),
                VideoEvent.progress(sixth, user.id(), 50),
                VideoEvent.completed(sixth, user.id(), 5, 500, 5.0).withResolution("hd"),
                VideoEvent.started(seventh, user.id()),
                VideoEvent.progress(seventh, user.id(), 60),
                VideoEvent.failed(seventh, user.id(), "TOO_LONG", "The video lasts 3 hours; at most 2 are allowed."),
                VideoEvent.progress(seventh, user.id(), 90),
                VideoEvent.failed(seventh, user.id(), "TOO_LONG", "The video lasts 3 hours; at most 2 are allowed.")));
        secondWave.forEach(this::publish);
        awaitStatus(sixth, VideoStatus.DONE);
        awaitStatus(seventh, VideoStatus.FAILED);
        awaitEventsConsumed();

        for (String id : ids.subList(0, 6)) {
            Video done = video(id);
            assertThat(done.getStatus()).isEqualTo(VideoStatus.DONE);
            assertThat(done.getProgress()).isEqualTo(100);
        }
        assertThat(video(ids.get(0)).getFrameCount()).isEqualTo(30);
        assertThat(video(ids.get(0)).getZipBytes()).isEqualTo(4096);
        Video failed = video(seventh);
        assertThat(failed.getErrorCode()).isEqualTo("TOO_LONG");
        assertThat(failed.getErrorMessage()).isEqualTo("The video lasts 3 hours; at most 2 are allowed.");
        assertThat(failed.getFrameCount()).isNull();
        Response shown = api.get("/videos/" + seventh, user.token());
        assertThat(shown.json().path("error").path("code").asString()).isEqualTo("TOO_LONG");

        assertThat(slotHolders(user.id())).isEmpty();
        assertThat(jobsOf(user.id())).extracting(ProcessVideo::videoId).containsExactlyInAnyOrderElementsOf(ids);

        // Late reports about finished videos change nothing.
        publish(VideoEvent.progress(ids.get(0), user.id(), 10));
        publish(VideoEvent.started(ids.get(0), user.id()));
        publish(VideoEvent.failed(ids.get(0), user.id(), "CORRUPT_VIDEO", "late"));
        publish(VideoEvent.completed(seventh, user.id(), 9, 9, 9.0));
        publish(VideoEvent.progress(seventh, user.id(), 99));
        awaitEventsConsumed();
        assertThat(video(ids.get(0)).getStatus()).isEqualTo(VideoStatus.DONE);
        assertThat(video(ids.get(0)).getProgress()).isEqualTo(100);
        assertThat(video(ids.get(0)).getErrorCode()).isNull();
        assertThat(video(seventh).getStatus()).isEqualTo(VideoStatus.FAILED);
        // Events arrive in any order: the failure may come before any progress (null) or after 60, never 99.
        assertThat(video(seventh).getProgress()).isNotEqualTo(Integer.valueOf(99));
        assertThat(slotHolders(user.id())).isEmpty();

        for (String id : ids.subList(0, 6)) {
            assertThat(notificationsOf(id)).singleElement().satisfies(notification -> {
                assertThat(notification.template()).isEqualTo(NotificationTemplate.VIDEO_READY);
                assertThat(notification.recipientEmail()).isEqualTo(user.email());
                assertThat(notification.recipientName()).isEqualTo(user.name());
                assertThat(notification.videoId()).isEqualTo(id);
                assertThat(MessageCodec.encode(notification)).as("no presigned link in an e-mail")
                        .doesNotContain("X-Amz", StorageKeys.frames(user.id(), id));
            });
        }
        NotificationRequested failure = notificationsOf(seventh).get(0);
        assertThat(notificationsOf(seventh)).hasSize(1);
        assertThat(failure.template()).isEqualTo(NotificationTemplate.VIDEO_FAILED);
        assertThat(failure.failureReason()).isEqualTo("The video lasts 3 hours; at most 2 are allowed.");
        assertThat(failure.filename()).isEqualTo("replay-6.mp4");
        assertThat(turnarounds("done", null) - doneBefore).as("one upload-to-done time per video, replays aside")
                .isEqualTo(6);
        assertThat(turnarounds("done", "hd") - hdBefore).as("labelled with the source's resolution class")
                .isEqualTo(1);
        assertThat(turnarounds("failed", null) - failedBefore).isEqualTo(1);
    }

    /** Upload-to-end times recorded with the outcome, of any resolution class when {@code resolution} is null. */
    private long turnarounds(String outcome, String resolution) {
        var search = meters.find("framesmith.video.turnaround.seconds").tag("outcome", outcome);
        return (resolution == null ? search : search.tag("resolution", resolution)).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    @Test
    void aFailureWithoutMessageGetsAReadableReason() {
        TestUser user = TestUser.random();
        String id = upload(user, "broken.mp4");
        publish(VideoEvent.failed(id, user.id(), "CORRUPT_VIDEO", null));
        awaitStatus(id, VideoStatus.FAILED);
        await().atMost(PATIENCE).until(() -> notificationsOf(id).size() == 1);
        assertThat(notificationsOf(id).get(0).failureReason())
                .isEqualTo("The video is damaged or truncated and cannot be read to the end.");
        assertThat(video(id).getErrorMessage())
                .isEqualTo("The video is damaged or truncated and cannot be read to the end.");
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterQueueAtOnceAndStaysThere() {
        QueueProbe deadLetters = QueueProbe.of(sqs, Queues.deadLetter(aws.queues().events()));
        int before = deadLetters.pending();
        String events = sqs.getQueueUrl(request -> request.queueName(aws.queues().events())).join().queueUrl();
        String marker = "{\"broken\":\"" + java.util.UUID.randomUUID() + "\"}";
        sqs.sendMessage(request -> request.queueUrl(events).messageBody(marker)).join();

        // The dead-letter queue's listener cannot read it either and leaves it there for an operator.
        await().atMost(PATIENCE).until(() -> deadLetters.pending() == before + 1);
        awaitEventsConsumed();
        assertThat(deadLetters.pending()).isEqualTo(before + 1);
    }

    @Test
    void aJobInTheProcessingDeadLetterQueueFailsItsVideoAndTellsTheUser() {
        TestUser user = TestUser.random();
        String id = processing(user, "unlucky.mp4");
        String dlq = sqs.getQueueUrl(request -> request.queueName(Queues.deadLetter(aws.queues().processing())))
                .join().queueUrl();
        ProcessVideo job = ProcessVideo.of(id, user.id(), aws.bucket(), null, null);

        sqs.sendMessage(request -> request.queueUrl(dlq).messageBody(MessageCodec.encode(job))).join();
        sqs.sendMessage(request -> request.queueUrl(dlq).messageBody(MessageCodec.encode(job))).join();

        awaitStatus(id, VideoStatus.FAILED);
        assertThat(video(id).getErrorCode()).isEqualTo("PROCESSING_FAILED");
        await().atMost(PATIENCE).until(() -> notificationsOf(id).size() == 1);
        assertThat(notificationsOf(id).get(0).failureReason())
                .isEqualTo("We could not process this video after several attempts.");
        assertThat(slotHolders(user.id())).isEmpty();
    }

    @Test
    void aDeadLetteredJobWhoseFirstFollowUpFailedStillTellsTheUserOnce() {
        TestUser user = TestUser.random();
        String id = processing(user, "interrupted.mp4");
        followUpFaults.failOnce(id);
        String dlq = sqs.getQueueUrl(request -> request.queueName(Queues.deadLetter(aws.queues().processing())))
                .join().queueUrl();
        ProcessVideo job = ProcessVideo.of(id, user.id(), aws.bucket(), null, null);
        String visibility = sqs.getQueueAttributes(request -> request.queueUrl(dlq)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).join()
                .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        setVisibilityTimeout(dlq, String.valueOf(SHORT_VISIBILITY_SECONDS));
        try {
            sqs.sendMessage(request -> request.queueUrl(dlq).messageBody(MessageCodec.encode(job))).join();

            awaitStatus(id, VideoStatus.FAILED);
            // The first delivery failed the video, then broke before the e-mail; the delivery after the queue's
            // visibility timeout finds the video FAILED and must still ask for it.
            await().atMost(PATIENCE).until(() -> notificationsOf(id).size() == 1);
        } finally {
            setVisibilityTimeout(dlq, visibility);
        }
        assertThat(notificationsOf(id).get(0).template()).isEqualTo(NotificationTemplate.VIDEO_FAILED);
        assertThat(video(id).getNotifiedAt()).isNotNull();
        await().atMost(PATIENCE).until(() -> slotHolders(user.id()).isEmpty());
    }

    private void setVisibilityTimeout(String queueUrl, String seconds) {
        sqs.setQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, seconds))).join();
    }

    @Test
    void aCompletedEventRedeliveredAfterItsFirstReceiverDiedMidEmailStillAsksForTheEmailOnce() {
        TestUser user = TestUser.random();
        String id = processing(user, "orphaned-claim.mp4");
        // The first receiver of the COMPLETED wrote DONE, claimed the e-mail 50 s ago and died before asking for it.
        assertThat(store.apply(video(id), Transition.complete(3, 4L, 3.0, null))).isPresent();
        clock.rewind(CLAIMED_AGO);
        assertThat(store.claimNotification(id, VideoStatus.DONE, clock.instant())).isTrue();
        clock.advance(CLAIMED_AGO);

        publish(VideoEvent.completed(id, user.id(), 3, 4L, 3.0));

        // While the claim is fresh the redelivered event asks for nothing and stays on the queue; it comes back just
        // after the claim lapses (10 s, not the queue's 30 s visibility timeout) and asks for the e-mail.
        await().atMost(PATIENCE).until(() -> QueueProbe.of(sqs, aws.queues().events()).inFlight() == 1);
        assertThat(notificationsOf(id)).isEmpty();
        await().atMost(Duration.ofSeconds(25)).until(() -> notificationsOf(id).size() == 1);
        assertThat(notificationsOf(id).get(0).template()).isEqualTo(NotificationTemplate.VIDEO_READY);
        awaitEventsConsumed();
        assertThat(notificationsOf(id)).hasSize(1);
        assertThat(video(id).getNotifiedAt()).isNotNull();
    }

    @Test
    void aCompletedEventThatWasDeadLetteredIsStillApplied() {
        TestUser user = TestUser.random();
        String id = processing(user, "late-report.mp4");
        s3.putObject(request -> request.bucket(aws.bucket()).key(StorageKeys.frames(user.id(), id)),
                RequestBody.fromBytes(new byte[] {'P', 'K', 5, 6}));
        String dlq = sqs.getQueueUrl(request -> request.queueName(Queues.deadLetter(aws.queues().events())))
                .join().queueUrl();

        // What SQS does after the events queue's fifth failed receive of this COMPLETED.
        sqs.sendMessage(request -> request.queueUrl(dlq)
                .messageBody(MessageCodec.encode(VideoEvent.completed(id, user.id(), 3, 4L, 3.0)))).join();
        sqs.sendMessage(request -> request.queueUrl(dlq)
                .messageBody(MessageCodec.encode(VideoEvent.progress(id, user.id(), 50)))).join();

        awaitStatus(id, VideoStatus.DONE);
        assertThat(video(id).getFrameCount()).isEqualTo(3);
        await().atMost(PATIENCE).until(() -> notificationsOf(id).size() == 1);
        assertThat(notificationsOf(id).get(0).template()).isEqualTo(NotificationTemplate.VIDEO_READY);
        assertThat(slotHolders(user.id())).isEmpty();
    }

    /** Uploads a clip and reports it started, as the worker would: the video is PROCESSING. */
    private String processing(TestUser user, String name) {
        String id = upload(user, name);
        publish(VideoEvent.started(id, user.id()));
        awaitStatus(id, VideoStatus.PROCESSING);
        return id;
    }

    private String upload(TestUser user, String name) {
        Response response = upload(user.token(), new Multipart().video(name, TestVideos.mp4(1500)));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().path("videos").get(0).path("id").asString();
    }
}
