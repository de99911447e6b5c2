package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.testsupport.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What must hold after any fault once the system healed, checked from outside: every accepted video of the user is
 * DONE or FAILED within the bound; each DONE one has one complete ZIP (as many entries as its frame count, each
 * decoding); each has exactly one e-mail; none is in flight, by the API and by the user's slot record in ms-video's
 * table; no multipart upload of the user's (a source or a ZIP) is left open; the queues are drained and their
 * dead-letter queues hold what they held before; the worker left no job directory and no extraction process behind.
 */
final class Invariants {

    /** How long after the fault healed (when a {@link #hold} starts) every accepted video must be finished. */
    static final Duration BOUND = Duration.ofMinutes(6);
    /**
     * How long the queues may take to drain once the videos are finished: a message a killed consumer held comes
     * back after the visibility timeout, and one whose work another consumer still leases is given back with a
     * back-off doubling per receive (ms-notify: 30 s, 60 s, ...), so draining can take a few minutes after a kill.
     */
    private static final Duration DRAINED = Duration.ofMinutes(4);
    /** How long a second, duplicate e-mail is waited for before the count is taken as final. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private Invariants() {
    }

    /**
     * @param videos      the user's accepted videos: id to file name (each name unique to its video)
     * @param deadLetters {@link Outside#deadLetters()} before the fault
     */
    static void hold(Api api, Journeys.User user, Map<String, String> videos, Outside outside,
            Map<String, Integer> deadLetters) {
        hold(api, user, videos, outside, deadLetters, Emails.EXACTLY_ONE);
    }

    /** How many e-mails each video of a {@link #hold} gets: one, unless a fault says otherwise. */
    record Emails(int least, int most) {

        static final Emails EXACTLY_ONE = new Emails(1, 1);
        static final Emails NONE = new Emails(0, 0);
    }

    /**
     * @param emails how many e-mails each video must have got
     * @see #hold(Api, Journeys.User, Map, Outside, Map)
     */
    static void hold(Api api, Journeys.User user, Map<String, String> videos, Outside outside,
            Map<String, Integer> deadLetters, Emails emails) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (String id : videos.keySet()) {
            // One bound for all of them, not one each.
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
            JsonNode video = await("video " + id + " DONE or FAILED").atMost(left)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Journeys.video(api, user.token(), id),
                            current -> List.of("DONE", "FAILED").contains(current.path("status").asString()));
            if ("DONE".equals(video.path("status").asString())) {
                List<String> entries = Frames.decodeAll(Journeys.downloadZip(api, user.token(), id));
                assertThat(entries).as("entries of the ZIP of %s", id).hasSize(video.path("frameCount").asInt())
                        .doesNotHaveDuplicates();
            }
        }
        Mailbox mailbox = Journeys.mailbox();
        videos.forEach((id, filename) -> await("the e-mail about " + filename).atMost(Duration.ofMinutes(3))
                .until(() -> emailsAbout(mailbox, user, filename) >= emails.least()));
        assertThat(inFlight(api, user)).as("videos of %s QUEUED or PROCESSING", user.email()).isZero();
        assertThat(outside.openUploadsOf(user.id())).as("multipart uploads of %s left open", user.email()).isEmpty();
        await("the slots of " + user.email() + " free").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(outside.slotHolders(user.id())).as("videos holding a slot of %s in ms-video's table",
                        user.email()).isEmpty());
        await("the queues drained").atMost(DRAINED).untilAsserted(() ->
                assertThat(Outside.queues()).allSatisfy(queue ->
                        assertThat(outside.pending(queue)).as("messages on %s", queue).isZero()));
        await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(1)).until(() -> true);
        videos.forEach((id, filename) -> assertThat(emailsAbout(mailbox, user, filename))
                .as("e-mails about %s", filename).isBetween((long) emails.least(), (long) emails.most()));
        await("the dead-letter queues back to what they held").atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(outside.deadLetters()).as("dead letters").isEqualTo(deadLetters));
        await("the worker cleaned up").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(outside.leftovers()).as("files left in the worker's scratch space").isEmpty();
            assertThat(outside.extractionProcesses()).as("extraction processes").isEmpty();
        });
    }

    /**
     * What must hold once a video deleted mid-job settled: it is gone from the API; its job is stopped (no job
     * directory, no extraction process) and its message dropped; nothing of it is stored (source, ZIP, contact sheet,
     * the job's claim) and no multipart upload of it is left open; no e-mail about it, even after {@link #SETTLE};
     * the user's slots are free; the dead-letter queues hold what they held before.
     */
    static void holdDeleted(Api api, Journeys.User user, String id, String filename, Outside outside,
            Map<String, Integer> deadLetters) {
        assertThat(api.get("/videos/" + id, user.token()).status()).as("GET of the deleted video").isEqualTo(404);
        await("the worker cleaned up").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(outside.leftovers()).as("files left in the worker's scratch space").isEmpty();
            assertThat(outside.extractionProcesses()).as("extraction processes").isEmpty();
        });
        await("the queues drained").atMost(DRAINED).untilAsserted(() ->
                assertThat(Outside.queues()).allSatisfy(queue ->
                        assertThat(outside.pending(queue)).as("messages on %s", queue).isZero()));
        await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(1)).until(() -> true);
        assertThat(emailsAbout(Journeys.mailbox(), user, filename)).as("e-mails about the deleted %s", filename)
                .isZero();
        assertThat(List.of(StorageKeys.source(user.id(), id), StorageKeys.frames(user.id(), id),
                StorageKeys.preview(user.id(), id), StorageKeys.jobClaim(user.id(), id)))
                .as("objects of the deleted video").noneMatch(outside::stored);
        assertThat(inFlight(api, user)).as("videos of %s QUEUED or PROCESSING", user.email()).isZero();
        assertThat(outside.slotHolders(user.id())).as("videos holding a slot of %s in ms-video's table",
                user.email()).isEmpty();
        assertThat(outside.openUploadsOf(user.id())).as("multipart uploads of %s left open", user.email()).isEmpty();
        assertThat(outside.deadLetters()).as("dead letters").isEqualTo(deadLetters);
    }

    static long emailsAbout(Mailbox mailbox, Journeys.User user, String filename) {
        return mailbox.to(user.email()).stream().filter(email -> email.content().contains(filename)).count();
    }

    private static long inFlight(Api api, Journeys.User user) {
        Api.Response page = api.get("/videos?limit=100", user.token());
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return Journeys.items(page.json()).stream()
                .map(video -> video.path("status").asString())
                .filter(status -> status.equals("QUEUED") || status.equals("PROCESSING"))
                .count();
    }
}
