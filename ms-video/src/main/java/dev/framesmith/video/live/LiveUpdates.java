package dev.framesmith.video.live;

import dev.framesmith.video.catalog.Timestamps;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.catalog.VideoView;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.quota.Holdings;
import dev.framesmith.video.quota.UserQuotas;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a user's video changes. Works with any number of replicas because it does not depend
 * on who made a change: each open stream polls its user's recently changed videos (index {@code byUserUpdated})
 * and sends those whose status or progress differs from what it sent before, plus a heartbeat comment when
 * quiet.
 */
@Component
class LiveUpdates implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** Changes are read back this far before the last one seen, so clocks of replicas may differ a little. */
    static final Duration OVERLAP = Duration.ofSeconds(5);

    private final VideoStore store;
    private final UserQuotas quotas;
    private final VideoProperties.Live settings;
    private final Clock clock;
    private final ScheduledExecutorService pollers;
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    LiveUpdates(VideoStore store, UserQuotas quotas, VideoProperties properties, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.quotas = quotas;
        this.settings = properties.live();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pollers = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "live-updates-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        meters.gauge("framesmith.video.live.streams", open, Set::size);
    }

    SseEmitter open(String userId) {
        Holdings.Hold held = quotas.eventStream(userId);
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        OpenStream stream = new OpenStream(userId, emitter, held, Timestamps.now(clock).minus(OVERLAP));
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
        stream.future = pollers.scheduleWithFixedDelay(stream::poll, settings.pollInterval().toMillis(),
                settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return emitter;
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
    }

    /** One open event stream. */
    private final class OpenStream {
        private final String userId;
        private final SseEmitter emitter;
        private final Holdings.Hold held;
        private final Map<String, String> sent = new HashMap<>();
        private Instant since;
        private Instant lastSentAt = clock.instant();
        private volatile ScheduledFuture<?> future;

        OpenStream(String userId, SseEmitter emitter, Holdings.Hold held, Instant since) {
            this.userId = userId;
            this.emitter = emitter;
            this.held = held;
            this.since = since;
        }

        void poll() {
            try {
                Instant newest = since;
                for (Video video : store.changedSince(userId, since)) {
                    String state = video.getStatus() + "/" + video.getProgress() + "/" + video.getUpdatedAt();
                    if (!state.equals(sent.put(video.getId(), state))) {
                        emitter.send(SseEmitter.event().name("video").id(Timestamps.format(video.getUpdatedAt()))
                                .data(VideoView.of(video), MediaType.APPLICATION_JSON));
                        lastSentAt = clock.instant();
                    }
                    if (video.getUpdatedAt().isAfter(newest)) {
                        newest = video.getUpdatedAt();
                    }
                }
                Instant next = newest.minus(OVERLAP);
                if (next.isAfter(since)) {
                    since = next;
                    sent.values().removeIf(state -> Timestamps.parse(state.substring(state.lastIndexOf('/') + 1))
                            .isBefore(since));
                }
                if (Duration.between(lastSentAt, clock.instant()).compareTo(settings.heartbeatInterval()) >= 0) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSentAt = clock.instant();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away.
                close();
            } catch (RuntimeException e) {
                log.warn("Polling changes for an event stream failed; retrying", e);
            }
        }

        void close() {
            held.close();
            open.remove(this);
            ScheduledFuture<?> running = future;
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
