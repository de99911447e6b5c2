package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.testsupport.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** One user's backlog neither exceeds the per-user limit nor holds back another user's video. */
@ExtendWith(RunningSystem.class)
class FairnessIT {

    private static final int BACKLOG = 12;
    private static final int MAX_IN_FLIGHT = 5;
    /** Of those, how many of one user's jobs may wait in the queue for a worker. */
    private static final int MAX_QUEUED = 1;
    private static final Set<String> IN_FLIGHT = Set.of("QUEUED", "PROCESSING");

    private static Api api;
    private static TestVideos videos;

    @BeforeAll
    static void connect() {
        api = new Api(RunningSystem.system().gateway());
        videos = new TestVideos(Journeys.workDir().resolve("fairness"));
    }

    @Test
    void twelveVideosOfOneUserRunAtMostFiveAtATimeAndAnotherUsersVideoOvertakesThem() {
        Journeys.User busy = Journeys.newUser(api, "Busy Bee");
        Journeys.User patient = Journeys.newUser(api, "Patient Pat");
        // Long enough (30 frames each) that the busy user's backlog is still waiting when the other user uploads.
        Path clip = videos.mp4("fair-clip", 30);
        Journeys.Upload patientClip = Journeys.Upload.of(videos.mp4("patient-clip", 2), "video/mp4");
        List<Journeys.Upload> backlog = new ArrayList<>();
        for (int i = 1; i <= BACKLOG; i++) {
            backlog.add(new Journeys.Upload(String.format("busy-%02d.mp4", i), "video/mp4",
                    Journeys.Upload.of(clip, "video/mp4").content()));
        }

        EventStream busyEvents = EventStream.open(api.uri("/"), busy.token());
        Api.Response busyUpload = Journeys.upload(api, busy.token(), backlog, Map.of("fps", "1"));
        assertThat(busyUpload.status()).as("%s", busyUpload).isEqualTo(202);
        List<JsonNode> accepted = items(busyUpload.json());
        List<String> busyIds = accepted.stream().map(video -> video.path("id").asString()).toList();
        assertThat(busyIds).hasSize(BACKLOG);
        AtomicBoolean sawWaiting = new AtomicBoolean(
                accepted.stream().anyMatch(video -> "WAITING".equals(video.path("status").asString())));
        Api.Response patientUpload = Journeys.upload(api, patient.token(), List.of(patientClip), Map.of("fps", "1"));
        assertThat(patientUpload.status()).as("%s", patientUpload).isEqualTo(202);
        String patientId = items(patientUpload.json()).get(0).path("id").asString();

        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger mostQueued = new AtomicInteger();
        AtomicBoolean patientDone = new AtomicBoolean();
        List<String> samples = new ArrayList<>();

        await("every video DONE").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, String> busyStatus = statuses(busy, busyIds);
            String patientStatus = Journeys.video(api, patient.token(), patientId).path("status").asString();
            long inFlight = busyStatus.values().stream().filter(IN_FLIGHT::contains).count();
            mostInFlight.accumulateAndGet((int) inFlight, Math::max);
            long queued = busyStatus.values().stream().filter("QUEUED"::equals).count();
            mostQueued.accumulateAndGet((int) queued, Math::max);
            if (busyStatus.containsValue("WAITING")) {
                sawWaiting.set(true);
            }
            long unfinished = busyStatus.values().stream().filter(status -> !"DONE".equals(status)).count();
            if ("DONE".equals(patientStatus)) {
                patientDone.set(true);
            }
            samples.add(inFlight + " in flight (" + queued + " queued), " + unfinished + " unfinished, patient "
                    + patientStatus);
            assertThat(busyStatus.values()).as("no video fails").doesNotContain("FAILED");
            assertThat(patientStatus).isNotEqualTo("FAILED");
            return unfinished == 0 && patientDone.get();
        });

        await("the live events report every video DONE").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(latestStatuses(busyEvents.events(), busyIds)).hasSize(BACKLOG)
                        .allSatisfy((id, status) -> assertThat(status).isEqualTo("DONE")));
        busyEvents.close();
        System.out.println("Fairness samples (busy user's videos in flight, queued, unfinished; other user's video):");
        samples.forEach(sample -> System.out.println("  " + sample));
        assertThat(mostInFlight.get()).as("most of one user's videos QUEUED or PROCESSING at once; samples %s",
                samples).isBetween(1, MAX_IN_FLIGHT);
        // The live stream samples every few seconds, so it may see fewer in flight, never more.
        assertThat(mostInFlightAccordingTo(busyEvents.events(), busyIds))
                .as("most in flight at once according to the live events").isLessThanOrEqualTo(MAX_IN_FLIGHT);
        assertThat(mostQueued.get()).as("most of one user's videos QUEUED at once (sent, not started); samples %s",
                samples).isLessThanOrEqualTo(MAX_QUEUED);
        assertThat(sawWaiting).as("the backlog waited for free slots").isTrue();
        // When each video was done, by the service's clock (a DONE video's last change is its completion).
        Instant patientDoneAt = Instant.parse(
                Journeys.video(api, patient.token(), patientId).path("updatedAt").asString());
        Instant busyLastDoneAt = busyIds.stream()
                .map(id -> Instant.parse(Journeys.video(api, busy.token(), id).path("updatedAt").asString()))
                .max(Instant::compareTo).orElseThrow();
        assertThat(patientDoneAt).as("the other user's video is done before the busy user's last one")
                .isBefore(busyLastDoneAt);
    }

    /** Replays the live events: the largest number of the videos QUEUED or PROCESSING after any one event. */
    private static int mostInFlightAccordingTo(List<JsonNode> events, List<String> ids) {
        Map<String, String> latest = new HashMap<>();
        int most = 0;
        for (JsonNode event : events) {
            String id = event.path("id").asString();
            if (ids.contains(id)) {
                latest.put(id, event.path("status").asString());
                most = Math.max(most, (int) latest.values().stream().filter(IN_FLIGHT::contains).count());
            }
        }
        return most;
    }

    private static Map<String, String> latestStatuses(List<JsonNode> events, List<String> ids) {
        Map<String, String> latest = new HashMap<>();
        events.stream().filter(event -> ids.contains(event.path("id").asString()))
                .forEach(event -> latest.put(event.path("id").asString(), event.path("status").asString()));
        return latest;
    }

    /** The status of each of the user's videos, from the list the user sees. */
    private static Map<String, String> statuses(Journeys.User user, List<String> ids) {
        Map<String, String> statuses = new HashMap<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/videos" + (cursor == null ? "" : "?cursor=" + Api.encode(cursor)),
                    user.token());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            JsonNode body = page.json();
            for (JsonNode video : items(body)) {
                statuses.put(video.path("id").asString(), video.path("status").asString());
            }
            cursor = body.isObject() && body.path("nextCursor").isString() ? body.path("nextCursor").asString() : null;
        } while (cursor != null && !cursor.isBlank());
        statuses.keySet().retainAll(ids);
        assertThat(statuses).as("every video of the backlog is listed").hasSize(ids.size());
        return statuses;
    }
}
