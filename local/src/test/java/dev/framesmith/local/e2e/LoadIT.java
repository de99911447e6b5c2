package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A bounded load through the gateway: {@code framesmith.load.users} users (10) each upload
 * {@code framesmith.load.clips} short clips (50) one request at a time, while each polls its list every second and
 * holds a live event stream; once all of theirs are accepted, with their backlog queued, a light user uploads 5 the
 * same way (before the load, another user uploads the light user's 5 on the idle system, for comparison). Asserts
 * that no request got a 5xx, every video ended DONE within the bound, and the light user's p99 time
 * to DONE is under half the best of the heavy users' (with the videos served first come, first served it would wait
 * for their whole backlog, as long as their last ones do); prints the figures (videos per minute, upload accept
 * p50/p99, time to DONE per user) and writes them to {@code target/reliability/load.txt}. Performance is reported,
 * not asserted. Runs with the fault suite ({@code -Preliability}, as {@code .ci/run} runs it).
 */
@Tag("reliability")
@ExtendWith(RunningSystem.class)
class LoadIT {

    private static final int USERS = Integer.getInteger("framesmith.load.users", 10);
    private static final int CLIPS = Integer.getInteger("framesmith.load.clips", 50);
    private static final int LIGHT_CLIPS = 5;
    private static final Duration BOUND = Duration.ofMinutes(20);

    private final Api api = new Api(RunningSystem.system().gateway());
    private final List<Integer> serverErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @Test
    void tenUsersUploadingAtOnceGetNoServerErrorEveryVideoDoneAndALightUserIsNotHeldBehindTheirBacklog()
            throws Exception {
        byte[] clip = Files.readAllBytes(new TestVideos(Journeys.workDir().resolve("load")).mp4("load-clip", 1,
                "160x120", 5));
        List<Journeys.User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(Journeys.newUser(api, "Load User " + (char) ('A' + i)));
        }
        Journeys.User light = Journeys.newUser(api, "Light User");
        // The light user's clips on the idle system first: what its times under load are compared with.
        UserRun alone = run(Journeys.newUser(api, "Alone User"), LIGHT_CLIPS, clip, System.nanoTime(), () -> { });
        CountDownLatch heavyAccepted = new CountDownLatch(USERS);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(USERS + 1);
        List<Future<UserRun>> runs = new ArrayList<>();
        runs.add(pool.submit(() -> {
            // Bounded: a heavy user that failed before counting down fails the test through its own result.
            heavyAccepted.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return run(light, LIGHT_CLIPS, clip, started, () -> { });
        }));
        for (Journeys.User user : users) {
            runs.add(pool.submit(() -> run(user, CLIPS, clip, started, heavyAccepted::countDown)));
        }
        List<UserRun> results = new ArrayList<>();
        for (Future<UserRun> run : runs) {
            results.add(run.get());
        }
        pool.shutdown();
        double minutes = (System.nanoTime() - started) / 60e9;

        String report = report(alone, results, minutes);
        System.out.println(report);
        Path file = Path.of(System.getProperty("framesmith.e2e.work", "target/e2e")).resolveSibling("reliability")
                .resolve("load.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(serverErrors).as("5xx answers among %d requests", requests.get()).isEmpty();
        assertThat(Stream.concat(Stream.of(alone), results.stream()))
                .allSatisfy(run -> assertThat(run.statuses().values()).as("statuses of %s", run.user())
                        .hasSize(run.accepted()).containsOnly("DONE"));
        // Fairness: the heavy users' backlogs wait for their own slots, not in front of the light user's videos.
        long heavyBestP99 = results.stream().skip(1).mapToLong(run -> percentile(run.toDoneMillis(), 99)).min()
                .orElseThrow();
        assertThat(percentile(results.get(0).toDoneMillis(), 99))
                .as("the light user's p99 to DONE (ms), against half the best heavy user's p99 (%d ms)", heavyBestP99)
                .isLessThan(heavyBestP99 / 2);
    }

    /**
     * One user's uploads, one request per clip, while it polls its list and holds its event stream.
     *
     * @param allAccepted run once every upload of the user was accepted
     */
    private UserRun run(Journeys.User user, int clips, byte[] clip, long started, Runnable allAccepted) {
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Map<String, Long> doneAt = new ConcurrentHashMap<>();
        Map<String, String> statuses = new ConcurrentHashMap<>();
        List<Long> acceptMillis = new ArrayList<>();
        try (EventStream events = EventStream.open(api.uri("/"), user.token())) {
            check(events.status());
            Thread poller = new Thread(() -> poll(user, acceptedAt, doneAt, statuses, clips), "poll-" + user.email());
            poller.start();
            try {
                for (int i = 0; i < clips; i++) {
                    Journeys.Upload file = new Journeys.Upload(String.format("load-%02d.mp4", i), "video/mp4", clip);
                    long before = System.nanoTime();
                    Api.Response response = Journeys.upload(api, user.token(), List.of(file), Map.of("fps", "1"));
                    long after = System.nanoTime();
                    check(response.status());
                    assertThat(response.status()).as("%s", response).isEqualTo(202);
                    acceptMillis.add((after - before) / 1_000_000);
                    acceptedAt.put(Journeys.items(response.json()).get(0).path("id").asString(), after);
                }
            } finally {
                allAccepted.run();
            }
            poller.join(BOUND.toMillis());
            assertThat(poller.isAlive()).as("%s: every video finished within %s", user.email(), BOUND).isFalse();
            assertThat(events.events()).as("live events of %s", user.email()).isNotEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Long> toDone = new ArrayList<>();
        doneAt.forEach((id, at) -> toDone.add((at - acceptedAt.get(id)) / 1_000_000));
        return new UserRun(user.email(), acceptedAt.size(), statuses, acceptMillis, toDone,
                (Collections.max(doneAt.values()) - started) / 1_000_000);
    }

    /** Polls the user's list every second until every accepted video is DONE or FAILED. */
    private void poll(Journeys.User user, Map<String, Long> acceptedAt, Map<String, Long> doneAt,
            Map<String, String> statuses, int clips) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response page = api.get("/videos?limit=100", user.token());
            long now = System.nanoTime();
            check(page.status());
            if (page.status() == 200) {
                for (JsonNode video : Journeys.items(page.json())) {
                    String id = video.path("id").asString();
                    String status = video.path("status").asString();
                    statuses.put(id, status);
                    if ((status.equals("DONE") || status.equals("FAILED")) && acceptedAt.containsKey(id)) {
                        doneAt.putIfAbsent(id, now);
                    }
                }
            }
            if (acceptedAt.size() == clips && doneAt.keySet().containsAll(acceptedAt.keySet())) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void check(int status) {
        requests.incrementAndGet();
        if (status >= 500) {
            serverErrors.add(status);
        }
    }

    private String report(UserRun alone, List<UserRun> runs, double minutes) {
        List<Long> accepts = runs.stream().flatMap(run -> run.acceptMillis().stream()).toList();
        int videos = runs.stream().mapToInt(UserRun::accepted).sum();
        StringBuilder text = new StringBuilder();
        text.append(String.format("Load: %d users, %d videos (%d clips each; then a light user, first below, %d), %d"
                + " requests, %d 5xx%n", runs.size() - 1, videos, CLIPS, LIGHT_CLIPS, requests.get(),
                serverErrors.size()));
        text.append(String.format("  throughput        %.1f videos/min (%.1f min in all)%n", videos / minutes,
                minutes));
        text.append(String.format("  upload accepted   p50 %d ms, p99 %d ms%n", percentile(accepts, 50),
                percentile(accepts, 99)));
        text.append(String.format("  %d clips alone, before the load:              to DONE p50 %5.1f s, p99 %5.1f s%n",
                LIGHT_CLIPS, percentile(alone.toDoneMillis(), 50) / 1000.0,
                percentile(alone.toDoneMillis(), 99) / 1000.0));
        for (UserRun run : runs) {
            text.append(String.format("  %-45s %2d videos: to DONE p50 %5.1f s, p99 %5.1f s; last DONE %5.1f s%n",
                    run.user(), run.accepted(), percentile(run.toDoneMillis(), 50) / 1000.0,
                    percentile(run.toDoneMillis(), 99) / 1000.0, run.lastDoneMillis() / 1000.0));
        }
        return text.toString();
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private record UserRun(String user, int accepted, Map<String, String> statuses, List<Long> acceptMillis,
            List<Long> toDoneMillis, long lastDoneMillis) {
    }
}
