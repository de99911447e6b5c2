package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small load kept going while a fault is active: a user of its own uploads a one-second clip through the gateway
 * every {@link #EVERY} (at most {@link #CLIPS}) and reads its list after each upload, until {@link #stop stopped}
 * when the fault healed. Its accepted uploads (2xx) then go through the same {@link Invariants} as the fault's own
 * videos. An upload or read refused as an outage the way the system documents it (a 503 {@code service-unavailable}
 * problem with {@code Retry-After}; a 502 {@code bad-gateway} from the gateway where the fault takes ms-video's
 * process away) is not accepted and not counted; any other answer fails the test.
 */
final class BackgroundLoad {

    static final int CLIPS = 6;
    /** Uploads tried after the heal when every one during the fault was refused, until one is accepted. */
    static final int AFTER_HEAL = 3;
    static final Duration EVERY = Duration.ofSeconds(5);

    /** The problem types an answer during the fault may have instead of a success. */
    enum Refusals {
        /** A dependency of the service is away: 503 {@code service-unavailable} with {@code Retry-After}. */
        DEPENDENCY_OUTAGE(Set.of("service-unavailable")),
        /** The service itself may be down as well: the gateway's 502 {@code bad-gateway}. */
        SERVICE_DOWN(Set.of("service-unavailable", "bad-gateway"));

        private final Set<String> problems;

        Refusals(Set<String> problems) {
            this.problems = problems;
        }
    }

    /** What the load did: its user, the uploads accepted (id to file name), and the requests refused. */
    record Run(Journeys.User user, Map<String, String> accepted, List<String> refused, int requests) {
    }

    private final Api api;
    private final Journeys.User user;
    private final byte[] clip;
    private final String prefix;
    private final Refusals refusals;
    private final Map<String, String> accepted = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final ReentrantLock busy = new ReentrantLock();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean paused;
    private int uploads;
    private int requests;

    private BackgroundLoad(Api api, Journeys.User user, byte[] clip, String prefix, Refusals refusals) {
        this.api = api;
        this.user = user;
        this.clip = clip;
        this.prefix = prefix;
        this.refusals = refusals;
        this.thread = new Thread(this::run, "background-load-" + prefix);
        this.thread.setDaemon(true);
    }

    /** Registers the load's user and starts uploading at once. */
    static BackgroundLoad start(Api api, TestVideos videos, String prefix, Refusals refusals) {
        Journeys.User user = Journeys.newUser(api, "Background " + prefix.replaceAll("[^a-z]", " "));
        byte[] clip = Journeys.Upload.of(videos.mp4("background-clip", 1, "160x120", 5), "video/mp4").content();
        BackgroundLoad load = new BackgroundLoad(api, user, clip, prefix, refusals);
        load.thread.start();
        return load;
    }

    /** Holds the load after its request under way, if any, has been answered. */
    void pause() {
        paused = true;
        busy.lock();
        busy.unlock();
    }

    void resume() {
        paused = false;
    }

    Journeys.User user() {
        return user;
    }

    /**
     * Stops the load once the fault healed, after up to {@link #AFTER_HEAL} more uploads if none was accepted yet;
     * fails if any answer was neither a success nor a documented refusal, or if no upload was accepted.
     */
    Run stop() {
        stopping = true;
        try {
            thread.join(Duration.ofMinutes(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(thread.isAlive()).as("the background load stopped").isFalse();
        Run run = new Run(user, Map.copyOf(accepted), List.copyOf(refused), requests);
        System.out.printf("Background load %s: %d requests, %d uploads accepted, %d refused %s%n", prefix,
                run.requests(), run.accepted().size(), run.refused().size(), run.refused());
        assertThat(unexpected).as("answers to the background load that were neither a success nor a documented"
                + " refusal").isEmpty();
        assertThat(run.accepted()).as("uploads of the background load accepted").isNotEmpty();
        return run;
    }

    private void run() {
        long next = System.nanoTime();
        // Once stopped, it goes on until one upload was accepted (a fault may have refused every one so far).
        while (!stopping || (accepted.isEmpty() && uploads < CLIPS + AFTER_HEAL)) {
            if (!paused && System.nanoTime() >= next) {
                busy.lock();
                try {
                    if (!paused) {
                        if (uploads < CLIPS || (stopping && accepted.isEmpty())) {
                            upload();
                        }
                        list();
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e.toString());
                } finally {
                    busy.unlock();
                }
                next = System.nanoTime() + EVERY.toNanos();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void upload() {
        uploads++;
        String filename = String.format("%s-%02d.mp4", prefix, uploads);
        Api.Response response = Journeys.upload(api, user.token(),
                List.of(new Journeys.Upload(filename, "video/mp4", clip)), Map.of("fps", "1"));
        if (response.status() == 202) {
            requests++;
            accepted.put(Journeys.items(response.json()).get(0).path("id").asString(), filename);
        } else {
            refusedOrUnexpected("POST /videos " + filename, response);
        }
    }

    private void list() {
        Api.Response response = api.get("/videos?limit=100", user.token());
        if (response.status() == 200) {
            requests++;
        } else {
            refusedOrUnexpected("GET /videos", response);
        }
    }

    private void refusedOrUnexpected(String request, Api.Response response) {
        requests++;
        boolean documented = response.status() >= 500 && response.contentType() != null
                && response.contentType().startsWith("application/problem+json")
                && refusals.problems.contains(response.problem())
                && ("bad-gateway".equals(response.problem()) || response.header("Retry-After") != null);
        String answer = response.toString();
        (documented ? refused : unexpected).add(request + ": "
                + (answer.length() > 300 ? answer.substring(0, 300) + "…" : answer));
    }
}
