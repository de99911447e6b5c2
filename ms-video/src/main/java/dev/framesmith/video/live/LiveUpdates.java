package dev.framesmith.video.live;

import dev.framesmith.video.catalog.Timestamps;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoChanged;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.catalog.VideoView;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.quota.Holdings;
import dev.framesmith.video.quota.UserQuotas;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a user's video changes. Works with any number of replicas because it does not depend on who
 * made a change: a replica polls a user's recently changed videos (index {@code byUserUpdated}) once for all of
 * that user's streams open on it, and each stream sends those whose status or progress differs from what it sent
 * before, plus a heartbeat comment when quiet.
 * <p>
 * The cost follows activity, not open pages: a user's changes are polled every {@code poll-interval} while one of
 * their videos is not finished (known from one query when the user's first stream opens, then from the changes
 * themselves), and every {@code idle-poll-interval} otherwise. A change this replica writes ({@link VideoChanged})
 * polls at once and keeps the fast pace for {@link #OVERLAP}; a change written by another replica for a user with
 * nothing in flight reaches the page within {@code idle-poll-interval}. Counts each query in
 * {@code framesmith.video.live.polls{query=changes|unfinished}}.
 * <p>
 * A stream lives no longer than the token it was opened with: every {@code heartbeat-interval} each stream's token is
 * checked again by the service's decoder (its cache answers, and ms-auth is asked whether it was revoked at most
 * every {@code framesmith.security.jwt.revocation-check-every}); an expired or revoked token ends the stream, and
 * the page's EventSource, refused with that token, falls back to polling with its current one.
 */
@Component
class LiveUpdates implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /**
     * Changes are read back this far before the last one seen, so clocks of replicas may differ a little; and a user
     * whose video this replica changed is polled at the fast pace this long, so the change is seen once the index
     * has it.
     */
    static final Duration OVERLAP = Duration.ofSeconds(5);

    private final VideoStore store;
    private final UserQuotas quotas;
    private final JwtDecoder tokens;
    private final VideoProperties.Live settings;
    private final Clock clock;
    private final ScheduledExecutorService pollers;
    /** Separate from the pollers: asking ms-auth about tokens may be slow while it is away. */
    private final ScheduledExecutorService tokenChecks;
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();
    private final Map<String, UserFeed> feeds = new ConcurrentHashMap<>();
    private final Counter changeQueries;
    private final Counter unfinishedQueries;
    private volatile boolean running;

    LiveUpdates(VideoStore store, UserQuotas quotas, JwtDecoder tokens, VideoProperties properties,
            MeterRegistry meters, Clock clock) {
        this.store = store;
        this.quotas = quotas;
        this.tokens = tokens;
        this.settings = properties.live();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pollers = Executors.newScheduledThreadPool(2, runnable -> daemon(runnable,
                "live-updates-" + threads.incrementAndGet()));
        this.tokenChecks = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                "live-token-checks"));
        meters.gauge("framesmith.video.live.streams", open, Set::size);
        meters.gauge("framesmith.video.live.users", feeds, Map::size);
        this.changeQueries = polls(meters, "changes");
        this.unfinishedQueries = polls(meters, "unfinished");
        long heartbeatCheck = Math.min(settings.pollInterval().toMillis(), settings.heartbeatInterval().toMillis());
        pollers.scheduleWithFixedDelay(this::heartbeats, heartbeatCheck, heartbeatCheck, TimeUnit.MILLISECONDS);
        long tokenCheck = settings.heartbeatInterval().toMillis();
        tokenChecks.scheduleWithFixedDelay(this::checkTokens, tokenCheck, tokenCheck, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Ends the streams whose token is no longer accepted; never throws, or the schedule would end. */
    private void checkTokens() {
        try {
            open.forEach(OpenStream::endIfTokenRefused);
        } catch (RuntimeException e) {
            log.warn("Checking the tokens of event streams failed; trying again", e);
        }
    }

    /** A heartbeat on every stream quiet for a while; never throws, or the schedule would end. */
    private void heartbeats() {
        try {
            open.forEach(OpenStream::heartbeatIfQuiet);
        } catch (RuntimeException e) {
            log.warn("Sending heartbeats failed; trying again", e);
        }
    }

    private static Counter polls(MeterRegistry meters, String query) {
        return Counter.builder("framesmith.video.live.polls")
                .description("DynamoDB queries made for event streams: changes of a user, or a user's unfinished videos")
                .tag("query", query)
                .register(meters);
    }

    /** Opens a stream of the user's changes, for as long as {@code token} is accepted. */
    SseEmitter open(String userId, String token) {
        Holdings.Hold held = quotas.eventStream(userId);
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        OpenStream stream = new OpenStream(userId, token, emitter, held);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(() -> {
            // Ends the stream normally; EventSource reconnects by itself.
            stream.close();
            emitter.complete();
        });
        emitter.onError(error -> stream.close());
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        } catch (IOException e) {
            stream.close();
            emitter.completeWithError(e);
            return emitter;
        }
        open.add(stream);
        feeds.compute(userId, (user, feed) -> {
            UserFeed joined = feed == null ? new UserFeed(user) : feed;
            joined.streams.add(stream);
            if (feed == null) {
                joined.pollIn(Duration.ZERO);
            }
            return joined;
        });
        return emitter;
    }

    /** A change written here: that user's streams hear of it now rather than at the next idle poll. */
    @EventListener
    void changed(VideoChanged change) {
        UserFeed feed = feeds.get(change.userId());
        if (feed != null) {
            feed.wake();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream before the web server's graceful shutdown waits for requests to finish. */
    @Override
    public void stop() {
        running = false;
        open.forEach(stream -> {
            stream.close();
            stream.emitter.complete();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void destroy() {
        pollers.shutdownNow();
        tokenChecks.shutdownNow();
    }

    private long nanos() {
        return System.nanoTime();
    }

    /** The polling of one user's changes, shared by that user's open streams on this replica. */
    private final class UserFeed {
        private final String userId;
        private final Set<OpenStream> streams = new CopyOnWriteArraySet<>();
        /** The user's videos not finished, as last read; {@code null} until first read. Used by the poll only. */
        private Set<String> unfinished;
        private Instant since = Timestamps.now(clock).minus(OVERLAP);
        // Guarded by this:
        private ScheduledFuture<?> next;
        private long nextAt;
        private long fastUntil;
        private boolean polling;
        private boolean pollAgain;
        private boolean stopped;

        UserFeed(String userId) {
            this.userId = userId;
        }

        synchronized void pollIn(Duration delay) {
            if (stopped) {
                return;
            }
            nextAt = nanos() + delay.toNanos();
            next = pollers.schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        synchronized void wake() {
            fastUntil = nanos() + OVERLAP.toNanos();
            if (polling) {
                pollAgain = true;
            } else if (next != null && nextAt - nanos() > settings.pollInterval().toNanos() && next.cancel(false)) {
                pollIn(Duration.ZERO);
            }
        }

        synchronized void stop() {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        void poll() {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                polling = true;
            }
            try {
                if (unfinished == null) {
                    unfinishedQueries.increment();
                    Set<String> read = new HashSet<>();
                    store.unfinishedOf(userId).forEach(video -> read.add(video.getId()));
                    unfinished = read;
                }
                changeQueries.increment();
                List<Video> changes = store.changedSince(userId, since);
                Instant newest = since;
                for (Video video : changes) {
                    if (video.getStatus().finished()) {
                        unfinished.remove(video.getId());
                    } else {
                        unfinished.add(video.getId());
                    }
                    if (video.getUpdatedAt().isAfter(newest)) {
                        newest = video.getUpdatedAt();
                    }
                }
                Instant advanced = newest.minus(OVERLAP);
                if (advanced.isAfter(since)) {
                    since = advanced;
                }
                streams.forEach(stream -> stream.deliver(changes, since));
            } catch (RuntimeException e) {
                log.warn("Polling changes for event streams failed; retrying", e);
            } finally {
                synchronized (this) {
                    polling = false;
                    // Not known yet (the first read failed) counts as in flight.
                    boolean fast = unfinished == null || !unfinished.isEmpty() || fastUntil - nanos() > 0;
                    pollIn(pollAgain ? Duration.ZERO : fast ? settings.pollInterval() : settings.idlePollInterval());
                    pollAgain = false;
                }
            }
        }
    }

    /** One open event stream: what it sent, and when it last sent anything. */
    private final class OpenStream {
        private final String userId;
        private final String token;
        private final SseEmitter emitter;
        private final Holdings.Hold held;
        private final AtomicBoolean closed = new AtomicBoolean();
        // Guarded by this:
        private final Map<String, String> sent = new HashMap<>();
        private Instant lastSentAt = clock.instant();

        OpenStream(String userId, String token, SseEmitter emitter, Holdings.Hold held) {
            this.userId = userId;
            this.token = token;
            this.emitter = emitter;
            this.held = held;
        }

        /** Sends the changes this stream has not sent yet, and forgets what is older than {@code since}. */
        synchronized void deliver(List<Video> changes, Instant since) {
            try {
                for (Video video : changes) {
                    String state = video.getStatus() + "/" + video.getProgress() + "/" + video.getUpdatedAt();
                    if (!state.equals(sent.put(video.getId(), state))) {
                        emitter.send(SseEmitter.event().name("video").id(Timestamps.format(video.getUpdatedAt()))
                                .data(VideoView.of(video), MediaType.APPLICATION_JSON));
                        lastSentAt = clock.instant();
                    }
                }
                sent.values().removeIf(state -> Timestamps.parse(state.substring(state.lastIndexOf('/') + 1))
                        .isBefore(since));
            } catch (IOException | IllegalStateException e) {
                // The client went away.
                close();
            }
        }

        synchronized void heartbeatIfQuiet() {
            if (Duration.between(lastSentAt, clock.instant()).compareTo(settings.heartbeatInterval()) < 0) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
                lastSentAt = clock.instant();
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }

        /** Ends the stream when its token expired or was revoked; any other failure to check keeps it. */
        void endIfTokenRefused() {
            try {
                tokens.decode(token);
            } catch (BadJwtException e) {
                log.info("Event stream of user {} ended: its token is no longer accepted ({})", userId,
                        e.getMessage());
                close();
                emitter.complete();
            }
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            held.close();
            open.remove(this);
            feeds.computeIfPresent(userId, (user, feed) -> {
                feed.streams.remove(this);
                if (!feed.streams.isEmpty()) {
                    return feed;
                }
                feed.stop();
                return null;
            });
        }
    }
}
