package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.Queues;
import dev.framesmith.local.e2e.BackgroundLoad.Refusals;
import dev.framesmith.local.ComponentAction;
import dev.framesmith.local.LocalSystem;
import dev.framesmith.local.SesGate;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.SnsNotification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults injected into the running system, by acting on its real processes and queues, while a {@link BackgroundLoad}
 * uploads and reads through the gateway; after each the system heals by itself (the launcher restarts what crashed,
 * as Kubernetes would) and the {@link Invariants} are checked, for the fault's videos and the load's.
 */
@Tag("reliability")
@ExtendWith(RunningSystem.class)
class FaultsIT {

    private static final String WORKER = "video-worker";
    private static final String VIDEO = "ms-video";
    private static final String NOTIFY = "ms-notify";
    /** How long a stand-in of an AWS service stays away. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** ms-video's part size ({@code framesmith.video.part-size}): a streamed file goes to S3 in parts this large. */
    private static final int PART = 8 * 1024 * 1024;
    /** How long SES throttles every send. */
    private static final Duration THROTTLING = Duration.ofSeconds(60);
    /** Well under the worker's 60 s visibility timeout. */
    private static final Duration GIVEN_BACK = Duration.ofSeconds(10);
    /**
     * A job stops at the worker's next heartbeat (every third of its 60 s visibility timeout) after its claim went,
     * or at the one after when the next is late; then its directory is removed.
     */
    private static final Duration STOPPED = Duration.ofSeconds(65);
    /** The recipient of the poison e-mail request about a video that does not exist. */
    private static final String GHOST_RECIPIENT = "nobody-" + UUID.randomUUID() + "@example.com";

    private static Api api;
    private static TestVideos videos;
    private static Outside outside;

    @BeforeAll
    static void connect() {
        api = new Api(RunningSystem.system().gateway());
        videos = new TestVideos(Journeys.workDir().resolve("faults"));
        outside = Outside.of();
    }

    @AfterAll
    static void disconnect() {
        outside.close();
    }

    @Test
    void theWorkerKilledThreeTimesMidExtractionStillEndsWithOneZipAndOneEmail() {
        LocalSystem system = RunningSystem.system();
        Journeys.User user = Journeys.newUser(api, "Crash Test");
        String filename = "killed-thrice.mp4";
        String id = upload(user, filename, videos.mp4("killed-thrice", 60, "960x540", 30), "30");
        int restarts = system.restarts(WORKER);
        Map<String, Integer> deadLetters = outside.deadLetters();
        BackgroundLoad load = BackgroundLoad.start(api, videos, "killed-worker", Refusals.DEPENDENCY_OUTAGE);

        for (int kill = 1; kill <= 3; kill++) {
            awaitMidJob(user, id, "kill " + kill);
            system.control(ComponentAction.KILL, WORKER);
            system.awaitReady(WORKER, Duration.ofMinutes(3));
        }
        BackgroundLoad.Run background = load.stop();

        allDoneAndNothingLost(user, Map.of(id, filename), background, deadLetters);
        assertThat(system.restarts(WORKER)).as("restarts of the killed worker").isEqualTo(restarts + 3);
    }

    @Test
    void aWorkerAskedToStopMidJobGivesTheJobBackAtOnce() throws Exception {
        LocalSystem system = RunningSystem.system();
        Journeys.User user = Journeys.newUser(api, "Graceful Gus");
        String filename = "stopped-gracefully.mp4";
        Path clip = videos.mp4("stopped-gracefully", 60, "960x540", 30);
        Map<String, Integer> deadLetters = outside.deadLetters();
        BackgroundLoad load = BackgroundLoad.start(api, videos, "stopped-worker", Refusals.DEPENDENCY_OUTAGE);
        // Quiet while the job runs, is held and given back: a job of the load queued meanwhile would be counted as
        // this one. The load goes on once the worker is back.
        load.pause();
        awaitIdle(load.user());
        String id = upload(user, filename, clip, "30");
        ProcessHandle worker = ProcessHandle.of(system.pid(WORKER)).orElseThrow();
        // The job outlasts the worker's grace however fast this machine extracts: its processes are held (SIGSTOP);
        // the worker's SIGKILL at the end of the grace ends them all the same.
        List<ProcessHandle> held = holdJob(user, id);
        Instant exited;
        try {
            // Nothing else waits on the queue: the one message seen there next is this job's, given back.
            await("no other job waiting").atMost(Duration.ofMinutes(2))
                    .until(() -> outside.visible(Queues.PROCESSING) == 0);

            system.control(ComponentAction.TERMINATE, WORKER);
            worker.onExit().get(1, TimeUnit.MINUTES);
            exited = Instant.now();
        } finally {
            Signals.send("CONT", held);
        }

        // The job's message is visible again before any other worker runs (the launcher restarts this one after a
        // pause, and it takes seconds to start), well before its 60 s visibility timeout: it was given back on
        // shutdown.
        await("the job back on the queue").atMost(GIVEN_BACK).pollInterval(Duration.ofMillis(100))
                .until(() -> outside.visible(Queues.PROCESSING) >= 1);
        System.out.printf("Job visible again %d ms after the worker exited%n",
                Duration.between(exited, Instant.now()).toMillis());
        load.resume();
        system.awaitReady(WORKER, Duration.ofMinutes(3));
        BackgroundLoad.Run background = load.stop();
        allDoneAndNothingLost(user, Map.of(id, filename), background, deadLetters);
    }

    @Test
    void aVideoDeletedMidJobStopsItsJobAndLeavesNoZipNoEmailAndNoSlot() throws Exception {
        Journeys.User user = Journeys.newUser(api, "Deleting Dora");
        Map<String, Integer> deadLetters = outside.deadLetters();
        String filename = "deleted-mid-job.mp4";
        String id = upload(user, filename, videos.mp4("deleted-mid-job", 60, "960x540", 30), "30");
        // The job cannot end by itself however fast this machine extracts: its processes are held (SIGSTOP); only
        // the worker stopping the job (it kills them) ends them.
        List<ProcessHandle> held = holdJob(user, id);
        Instant deletedAt;
        try {
            Api.Response deleted = api.delete("/videos/" + id, user.token());
            assertThat(deleted.status()).as("%s", deleted).isIn(200, 202, 204);
            deletedAt = Instant.now();

            // ms-video removed the job's claim; the worker finds it gone at its next heartbeat and stops the job.
            await("the job of the deleted video stopped").atMost(STOPPED).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(outside.extractionProcesses()).as("extraction processes").isEmpty();
                        assertThat(outside.leftovers()).as("files left in the worker's scratch space").isEmpty();
                    });
        } finally {
            Signals.send("CONT", held);
        }
        System.out.printf("Job of the deleted video stopped %d ms after the delete%n",
                Duration.between(deletedAt, Instant.now()).toMillis());
        Invariants.holdDeleted(api, user, id, filename, outside, deadLetters);
    }

    @Test
    void msVideoKilledWithTwentyVideosWaitingOrQueuedLosesNone() {
        LocalSystem system = RunningSystem.system();
        Journeys.User user = Journeys.newUser(api, "Backlog Betty");
        Map<String, Integer> deadLetters = outside.deadLetters();
        byte[] clip = Journeys.Upload.of(videos.mp4("backlog-clip", 2), "video/mp4").content();
        List<Journeys.Upload> files = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            files.add(new Journeys.Upload(String.format("backlog-%02d.mp4", i), "video/mp4", clip));
        }
        Api.Response response = Journeys.upload(api, user.token(), files, Map.of("fps", "1"));
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        Map<String, String> accepted = new LinkedHashMap<>();
        Journeys.items(response.json()).forEach(video ->
                accepted.put(video.path("id").asString(), video.path("filename").asString()));
        assertThat(accepted).hasSize(20);
        assertThat(accepted.values()).doesNotContainNull().doesNotHaveDuplicates();
        BackgroundLoad load = BackgroundLoad.start(api, videos, "killed-video", Refusals.SERVICE_DOWN);

        system.control(ComponentAction.KILL, VIDEO);
        system.awaitReady(VIDEO, Duration.ofMinutes(3));
        BackgroundLoad.Run background = load.stop();

        allDoneAndNothingLost(user, accepted, background, deadLetters);
    }

    @Test
    void s3StoppedForThirtySecondsDuringStreamedUploadsAndTheZipUploadLosesNothing() {
        LocalSystem system = RunningSystem.system();
        Journeys.User user = Journeys.newUser(api, "Storage Steve");
        Journeys.User refusedUser = Journeys.newUser(api, "Storage Sue");
        Map<String, Integer> deadLetters = outside.deadLetters();
        String filename = "s3-outage.mp4";
        String id = upload(user, filename, videos.mp4("s3-outage", 20, "640x360", 25), "25");
        Journeys.Upload small = new Journeys.Upload("refused.mp4", "video/mp4",
                Journeys.Upload.of(videos.mp4("s3-outage-refused", 1), "video/mp4").content());
        // The job's uploads (contact sheet, ZIP) meet the outage however fast this machine extracts: its processes
        // are held (SIGSTOP) until S3 is away, then let go to finish their extraction while it is.
        List<ProcessHandle> held = holdJob(user, id);
        BackgroundLoad load = BackgroundLoad.start(api, videos, "s-outage", Refusals.DEPENDENCY_OUTAGE);
        // A streamed upload of three parts, sent slowly, is cut by the outage: S3 goes away once a part was read.
        Journeys.User cutUser = Journeys.newUser(api, "Storage Cut");
        Trickle cut = Trickle.start(api, cutUser.token(), "cut-mid-body.mp4",
                Arrays.copyOf(Journeys.Upload.of(videos.mp4("s3-outage-cut", 1), "video/mp4").content(), 3 * PART),
                4 * 1024 * 1024);
        await("a part of the cut upload read").atMost(Duration.ofMinutes(1)).until(() -> cut.sent() > PART + PART / 4);
        try {
            outage("s3", () -> {
                cut.assertRefusedAsUnavailable();
                assertThat(Journeys.items(api.get("/videos", cutUser.token()).json())).as("videos after an upload cut"
                        + " by the outage").isEmpty();
                Signals.send("CONT", held);
                // A streamed upload meanwhile is refused as a dependency outage to retry, and leaves no video behind.
                Api.Response refused = Journeys.upload(api, refusedUser.token(), List.of(small), Map.of("fps", "1"));
                assertUnavailable(refused);
                assertThat(Journeys.items(api.get("/videos", refusedUser.token()).json())).as("videos after a refused"
                        + " upload").isEmpty();
                await("the job's extraction over while S3 is away").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> outside.extractionProcesses().isEmpty());
                assertThat(Journeys.video(api, user.token(), id).path("status").asString())
                        .as("the video, its frames extracted but not stored").isEqualTo("PROCESSING");
            });
        } finally {
            Signals.send("CONT", held);
        }
        BackgroundLoad.Run background = load.stop();

        allDoneAndNothingLost(user, Map.of(id, filename), background, deadLetters);
        assertThat(outside.sourcesOf(cutUser.id())).as("source objects of the upload cut by the outage").isEmpty();
    }

    @Test
    void sqsStoppedForThirtySecondsWhileVideosAreDispatchedAndReportedLosesNone() {
        Journeys.User user = Journeys.newUser(api, "Queue Quentin");
        Map<String, Integer> deadLetters = outside.deadLetters();
        Map<String, String> accepted = uploadMany(user, "sqs-outage", 8, 10, "5");
        awaitProcessing(user, accepted);
        BackgroundLoad load = BackgroundLoad.start(api, videos, "sqs-outage", Refusals.DEPENDENCY_OUTAGE);

        outage("sqs", () -> { });
        BackgroundLoad.Run background = load.stop();

        allDoneAndNothingLost(user, accepted, background, deadLetters);
    }

    @Test
    void dynamoDbStoppedForThirtySecondsWhileEventsAreAppliedLosesNone() {
        Journeys.User user = Journeys.newUser(api, "Table Tina");
        Map<String, Integer> deadLetters = outside.deadLetters();
        Map<String, String> accepted = uploadMany(user, "dynamodb-outage", 3, 20, "10");
        awaitProcessing(user, accepted);
        BackgroundLoad load = BackgroundLoad.start(api, videos, "dynamodb-outage", Refusals.DEPENDENCY_OUTAGE);

        outage("dynamodb", () -> assertUnavailable(api.get("/videos", user.token())));
        BackgroundLoad.Run background = load.stop();

        // An e-mail SES accepted just as the table went away is recorded as sent once it is back, not sent again.
        allDoneAndNothingLost(user, accepted, background, deadLetters);
    }

    @Test
    void sesThrottlingForAMinuteDelaysTheEmailsAndARejectedAddressGetsNoneAndNoRetry() {
        SesGate ses = RunningSystem.system().ses();
        Journeys.User told = Journeys.newUser(api, "Throttled Theo");
        Journeys.User rejected = Journeys.newUser(api, "Rejected Rita");
        Map<String, Integer> deadLetters = outside.deadLetters();
        int toldBefore = ses.sends(told.email());
        int rejectedBefore = ses.sends(rejected.email());
        BackgroundLoad load = BackgroundLoad.start(api, videos, "ses-throttled", Refusals.DEPENDENCY_OUTAGE);
        Instant throttled = Instant.now();
        ses.throttle(true);
        String toldId;
        String rejectedId;
        try {
            ses.reject(rejected.email());
            toldId = upload(told, "throttled.mp4", videos.mp4("ses-throttled", 2), "1");
            rejectedId = upload(rejected, "rejected.mp4", videos.mp4("ses-rejected", 2), "1");
            // Both videos finish while SES throttles: their e-mails are refused and tried again later.
            await("the e-mails refused while SES throttles").atMost(THROTTLING)
                    .until(() -> ses.sends(told.email()) > toldBefore);
            sleepUntil(throttled.plus(THROTTLING));
        } finally {
            ses.throttle(false);
        }
        int rejectedWhileThrottled = ses.sends(rejected.email());
        BackgroundLoad.Run background = load.stop();

        Invariants.hold(api, told, Map.of(toldId, "throttled.mp4"), outside, deadLetters);
        Invariants.hold(api, rejected, Map.of(rejectedId, "rejected.mp4"), outside, deadLetters,
                Invariants.Emails.NONE);
        Invariants.hold(api, background.user(), background.accepted(), outside, deadLetters);
        System.out.printf("SES throttled for %d s: %d sends to one address until it went through%n",
                THROTTLING.toSeconds(), ses.sends(told.email()) - toldBefore);
        assertThat(ses.sends(told.email()) - toldBefore).as("sends while throttled, then the one through")
                .isGreaterThan(1);
        // Throttled, it was tried again; refused for good, it is not tried again, nor left on the queue.
        assertThat(rejectedWhileThrottled).as("sends to the address while SES throttled").isGreaterThan(rejectedBefore);
        assertThat(ses.sends(rejected.email()) - rejectedWhileThrottled).as("sends to the rejected address after")
                .isEqualTo(1);
    }

    @Test
    void msNotifyKilledBetweenSendingAndRecordingSendsAtMostOneMore() {
        LocalSystem system = RunningSystem.system();
        Journeys.User user = Journeys.newUser(api, "Resent Rob");
        Map<String, Integer> deadLetters = outside.deadLetters();
        int restarts = system.restarts(NOTIFY);
        BackgroundLoad load = BackgroundLoad.start(api, videos, "killed-notify", Refusals.DEPENDENCY_OUTAGE);
        // SES accepts the e-mail; ms-notify dies before it hears so, and so before it records it as sent.
        system.ses().onceAccepted(user.email(), () -> system.control(ComponentAction.KILL, NOTIFY));
        String filename = "resent.mp4";
        String id = upload(user, filename, videos.mp4("ses-resent", 2), "1");

        await("ms-notify killed after SES accepted the e-mail").atMost(Invariants.BOUND)
                .until(() -> system.restarts(NOTIFY) > restarts);
        system.awaitReady(NOTIFY, Duration.ofMinutes(3));
        BackgroundLoad.Run background = load.stop();

        Invariants.hold(api, user, Map.of(id, filename), outside, deadLetters, new Invariants.Emails(1, 2));
        System.out.printf("ms-notify killed once between sending and recording: %d e-mails about the video%n",
                Invariants.emailsAbout(Journeys.mailbox(), user, filename));
        assertThat(system.restarts(NOTIFY)).as("restarts of ms-notify").isEqualTo(restarts + 1);
        // The kill may as well have caught an e-mail of the load between sending and recording: at most one more
        // e-mail in all, for the one kill.
        Invariants.hold(api, background.user(), background.accepted(), outside, deadLetters,
                new Invariants.Emails(1, 2));
        Mailbox mailbox = Journeys.mailbox();
        long emails = Invariants.emailsAbout(mailbox, user, filename) + background.accepted().values().stream()
                .mapToLong(name -> Invariants.emailsAbout(mailbox, background.user(), name)).sum();
        assertThat(emails).as("e-mails about the %d videos after one kill", 1 + background.accepted().size())
                .isLessThanOrEqualTo(1 + background.accepted().size() + 1);
    }

    @Test
    void poisonMessagesOnEveryQueueAreSetAsideAndHarmNothing() {
        Map<String, Integer> deadLettersBefore = outside.deadLetters();
        int ghostEmailsBefore = Journeys.mailbox().to(GHOST_RECIPIENT).size();
        BackgroundLoad load = BackgroundLoad.start(api, videos, "poisoned", Refusals.DEPENDENCY_OUTAGE);
        String missingVideo = UUID.randomUUID().toString();
        String missingUser = UUID.randomUUID().toString();
        for (String queue : Outside.queues()) {
            outside.send(queue, "{\"this is\": not JSON");
            outside.send(queue, Queues.FEEDBACK.equals(queue)
                    ? SnsNotification.around(Queues.FEEDBACK, "{\"eventType\":\"\"}")
                    : unknownVideo(queue, missingUser, missingVideo).replace("\"schemaVersion\":1",
                            "\"schemaVersion\":99"));
            outside.send(queue, unknownVideo(queue, missingUser, missingVideo));
        }

        await("the queues drained").atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(Outside.queues()).allSatisfy(queue ->
                        assertThat(outside.pending(queue)).as("messages on %s", queue).isZero()));
        // The unreadable messages of every queue (not JSON, a version or an event type nobody reads) stay in its
        // dead-letter queue for an operator; the well-formed ones are consumed.
        Map<String, Integer> poisoned = new LinkedHashMap<>();
        deadLettersBefore.forEach((queue, before) -> poisoned.put(queue, before + 2));
        await("the poison set aside").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(outside.deadLetters()).isEqualTo(poisoned));
        // ms-notify trusts its queue, which only ms-video and ms-auth may send to, and knows no videos: the
        // well-formed request about a video that does not exist is sent as asked, once, and its message acknowledged
        // (not dead-lettered).
        List<Mailbox.Email> ghost = Journeys.mailbox().to(GHOST_RECIPIENT);
        assertThat(ghost).as("e-mails to %s", GHOST_RECIPIENT).hasSize(ghostEmailsBefore + 1);
        assertThat(ghost.get(ghost.size() - 1).content()).as("the e-mail asked for").contains("ghost.mp4");
        BackgroundLoad.Run background = load.stop();

        Journeys.User user = Journeys.newUser(api, "After Poison");
        String filename = "after-poison.mp4";
        Map<String, Integer> deadLetters = outside.deadLetters();
        String id = upload(user, filename, videos.mp4("after-poison", 3), "1");
        allDoneAndNothingLost(user, Map.of(id, filename), background, deadLetters);
        assertThat(Journeys.mailbox().to(GHOST_RECIPIENT)).as("e-mails to %s in the end", GHOST_RECIPIENT)
                .hasSize(ghostEmailsBefore + 1);
    }

    /** The invariants for the user's videos and the background load's, and every one of the user's videos DONE. */
    private static void allDoneAndNothingLost(Journeys.User user, Map<String, String> accepted,
            BackgroundLoad.Run background, Map<String, Integer> deadLetters) {
        Invariants.hold(api, user, accepted, outside, deadLetters);
        Invariants.hold(api, background.user(), background.accepted(), outside, deadLetters);
        assertThat(accepted.keySet()).allSatisfy(id ->
                assertThat(Journeys.video(api, user.token(), id).path("status").asString()).isEqualTo("DONE"));
    }

    /** A well-formed message of the queue's kind about a video that does not exist. */
    private static String unknownVideo(String queue, String userId, String videoId) {
        String common = "\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"schemaVersion\":1,\"videoId\":\"" + videoId + "\",\"userId\":\"" + userId + "\"";
        return switch (queue) {
            case Queues.PROCESSING -> "{" + common + ",\"bucket\":\"framesmith-videos\",\"sourceKey\":\"raw/" + userId
                    + "/" + videoId + "/source\",\"framesKey\":\"frames/" + userId + "/" + videoId + "/frames.zip\"}";
            case Queues.EVENTS -> "{" + common + ",\"type\":\"COMPLETED\",\"progressPercent\":100,\"frameCount\":3,"
                    + "\"zipBytes\":100,\"durationSeconds\":3.0}";
            // SES's complaint about an address no account has: suppressed, harmlessly.
            case Queues.FEEDBACK -> SnsNotification.around(Queues.FEEDBACK, "{\"eventType\":\"Complaint\","
                    + "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"nobody-" + videoId
                    + "@example.com\"}]}}");
            default -> "{" + common + ",\"template\":\"VIDEO_FAILED\",\"recipientEmail\":\"" + GHOST_RECIPIENT
                    + "\",\"recipientName\":\"Nobody\",\"filename\":\"ghost.mp4\","
                    + "\"failureReason\":\"none\"}";
        };
    }

    private static String upload(Journeys.User user, String filename, Path clip, String fps) {
        Journeys.Upload file = new Journeys.Upload(filename, "video/mp4",
                Journeys.Upload.of(clip, "video/mp4").content());
        Api.Response response = Journeys.upload(api, user.token(), List.of(file), Map.of("fps", fps));
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        return Journeys.items(response.json()).get(0).path("id").asString();
    }

    /**
     * Stops (SIGSTOP) the processes the worker runs for the video's job as soon as each starts (a probe, then the
     * extraction), until every running one is stopped, and waits until the video is PROCESSING. Nothing else may be
     * processed meanwhile: every process the worker runs is taken as the job's. A job that extracts in well under a
     * second is held all the same.
     */
    private static List<ProcessHandle> holdJob(Journeys.User user, String id) {
        ProcessHandle worker = ProcessHandle.of(RunningSystem.system().pid(WORKER)).orElseThrow();
        Set<ProcessHandle> held = new LinkedHashSet<>();
        await("video " + id + ": the job's processes held").atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    List<ProcessHandle> running = worker.descendants().filter(ProcessHandle::isAlive).toList();
                    List<ProcessHandle> fresh = running.stream().filter(process -> !held.contains(process)).toList();
                    Signals.send("STOP", fresh);
                    held.addAll(fresh);
                    return !running.isEmpty() && fresh.isEmpty();
                });
        await("video " + id + " PROCESSING").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> "PROCESSING".equals(Journeys.video(api, user.token(), id).path("status").asString()));
        return List.copyOf(held);
    }

    /**
     * Uploads {@code count} copies of a 640 × 360 clip in one request, returns id to file name; {@code seconds} and
     * {@code fps} make each job last long enough to be seen PROCESSING on a fast machine.
     */
    private static Map<String, String> uploadMany(Journeys.User user, String name, int count, int seconds,
            String fps) {
        byte[] clip = Journeys.Upload.of(videos.mp4(name + "-clip", seconds, "640x360", 25), "video/mp4").content();
        List<Journeys.Upload> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            files.add(new Journeys.Upload(String.format("%s-%02d.mp4", name, i), "video/mp4", clip));
        }
        Api.Response response = Journeys.upload(api, user.token(), files, Map.of("fps", fps));
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        Map<String, String> accepted = new LinkedHashMap<>();
        Journeys.items(response.json()).forEach(video ->
                accepted.put(video.path("id").asString(), video.path("filename").asString()));
        assertThat(accepted).hasSize(count);
        return accepted;
    }

    /** Takes an AWS stand-in away for {@link #OUTAGE}, doing {@code meanwhile} at its start, then gives it back. */
    private static void outage(String standIn, Runnable meanwhile) {
        LocalSystem system = RunningSystem.system();
        Instant stopped = Instant.now();
        system.control(ComponentAction.STOP, standIn);
        try {
            meanwhile.run();
            sleepUntil(stopped.plus(OUTAGE));
        } finally {
            system.control(ComponentAction.START, standIn);
        }
    }

    /** A dependency outage answered as one: 503, the problem type, and when to try again. */
    private static void assertUnavailable(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.problem()).isEqualTo("service-unavailable");
        assertThat(response.header("Retry-After")).as("Retry-After of %s", response).isNotBlank();
    }

    private static void sleepUntil(Instant when) {
        Duration left = Duration.between(Instant.now(), when);
        if (!left.isNegative()) {
            await().pollDelay(left).atMost(left.plusSeconds(1)).until(() -> true);
        }
    }

    /** Waits until none of the user's videos is waiting, queued or being processed. */
    private static void awaitIdle(Journeys.User user) {
        await("no video of " + user.email() + " in flight").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Journeys.items(api.get("/videos?limit=100", user.token()).json()).stream()
                        .map(video -> video.path("status").asString())
                        .allMatch(status -> status.equals("DONE") || status.equals("FAILED")));
    }

    /** Waits until one of the videos is being processed: the others are still waiting, queued or processing. */
    private static void awaitProcessing(Journeys.User user, Map<String, String> videos) {
        await("one of " + videos.size() + " videos PROCESSING").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Journeys.items(api.get("/videos?limit=100", user.token()).json()).stream()
                        .anyMatch(video -> videos.containsKey(video.path("id").asString())
                                && "PROCESSING".equals(video.path("status").asString())));
    }

    /**
     * Waits until the worker is extracting the video's frames: it is PROCESSING and the current worker process runs
     * a child (FFmpeg or the frame decoder).
     */
    private static void awaitMidJob(Journeys.User user, String id, String what) {
        await(what + ": video " + id + " mid-extraction").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "PROCESSING".equals(Journeys.video(api, user.token(), id).path("status").asString())
                        && ProcessHandle.of(RunningSystem.system().pid(WORKER))
                                .map(worker -> worker.descendants().findAny().isPresent()).orElse(false));
    }
}
