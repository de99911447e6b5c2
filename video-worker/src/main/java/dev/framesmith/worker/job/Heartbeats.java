package dev.framesmith.worker.job;

import dev.framesmith.worker.config.WorkerProperties;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps running jobs alive: every third of the visibility timeout the message's visibility is set to the full
 * timeout again, so that no other worker receives it while the job runs, however long it takes. Each beat also runs
 * the job's own check (renewing its claim, see {@link JobClaims}), and once per keep-alive interval its sign of life
 * (an event telling ms-video the job still runs, so that its sweeper does not take a long job whose progress stands
 * still for a dead one).
 */
@Component
public class Heartbeats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final long FINAL_BEAT_WAIT_SECONDS = 10;

    private final ScheduledExecutorService scheduler;
    private final int timeoutSeconds;
    private final long periodMillis;
    private final long keepAliveNanos;

    public Heartbeats(WorkerProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "visibility-heartbeat-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timeoutSeconds = properties.visibilityTimeoutSeconds();
        this.periodMillis = Math.max(200, Duration.ofSeconds(timeoutSeconds).toMillis() / 3);
        this.keepAliveNanos = properties.keepAlive().toNanos();
    }

    /**
     * @param check      run on every beat after the visibility is extended
     * @param signOfLife run on the first beat at least one keep-alive interval after the start or its last run
     *                   (an exception from either is logged)
     */
    public Heartbeat start(Visibility visibility, String videoId, Runnable check, Runnable signOfLife) {
        return new Heartbeat(visibility, videoId, check, signOfLife);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    /** One job's heartbeat; closing it stops the beats and waits for one in flight to land. */
    public final class Heartbeat implements AutoCloseable {

        private final Runnable check;
        private final Runnable signOfLife;
        private final ScheduledFuture<?> beats;
        private long lastSignOfLife = System.nanoTime();
        private CompletableFuture<Void> lastBeat = CompletableFuture.completedFuture(null);
        private boolean closed;

        private Heartbeat(Visibility visibility, String videoId, Runnable check, Runnable signOfLife) {
            this.check = check;
            this.signOfLife = signOfLife;
            this.beats = scheduler.scheduleAtFixedRate(() -> beat(visibility, videoId), periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        }

        private void beat(Visibility visibility, String videoId) {
            if (!extend(visibility, videoId)) {
                return;
            }
            runLogged(check, "check", videoId);
            long now = System.nanoTime();
            if (now - lastSignOfLife >= keepAliveNanos) {
                lastSignOfLife = now;
                runLogged(signOfLife, "sign of life", videoId);
            }
        }

        private static void runLogged(Runnable action, String what, String videoId) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("Heartbeat {} of the job for video {} failed: {}", what, videoId, e.toString());
            }
        }

        /** Starts extending the visibility; false once closed. */
        private synchronized boolean extend(Visibility visibility, String videoId) {
            if (closed) {
                return false;
            }
            lastBeat = visibility.changeToAsync(timeoutSeconds).whenComplete((done, error) -> {
                if (error != null) {
                    log.warn("Could not extend the visibility of the job for video {}: {}", videoId,
                            error.getMessage());
                } else {
                    log.debug("Extended the visibility of the job for video {} by {}s", videoId, timeoutSeconds);
                }
            });
            return true;
        }

        @Override
        public void close() {
            CompletableFuture<Void> last;
            synchronized (this) {
                closed = true;
                last = lastBeat;
            }
            beats.cancel(false);
            try {
                last.get(FINAL_BEAT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.debug("Last visibility extension did not complete: {}", e.getMessage());
            }
        }
    }
}
