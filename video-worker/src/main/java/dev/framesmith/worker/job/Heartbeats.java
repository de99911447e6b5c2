package dev.framesmith.worker.job;

import dev.framesmith.worker.config.WorkerProperties;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps running jobs alive: every third of the visibility timeout the message's visibility is set to the full
 * timeout again, so that no other worker receives it while the job runs, however long it takes. Each beat also
 * starts the job's chores on a thread of their own, so that a slow one never delays a visibility extension: its
 * check (renewing its claim, see {@link JobClaims}), and once per keep-alive interval its sign of life (an event
 * telling ms-video the job still runs, so that its sweeper does not take a long job whose progress stands still for
 * a dead one). A beat whose job's previous chores still run starts none.
 */
@Component
public class Heartbeats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final long FINAL_WAIT_SECONDS = 10;

    private final ScheduledExecutorService scheduler;
    private final ExecutorService chores;
    private final int timeoutSeconds;
    private final long periodMillis;
    private final long keepAliveNanos;

    public Heartbeats(WorkerProperties properties) {
        this.scheduler = Executors.newScheduledThreadPool(1, daemons("visibility-heartbeat-"));
        this.chores = Executors.newCachedThreadPool(daemons("job-chores-"));
        this.timeoutSeconds = properties.visibilityTimeoutSeconds();
        this.periodMillis = Math.max(200, Duration.ofSeconds(timeoutSeconds).toMillis() / 3);
        this.keepAliveNanos = properties.keepAlive().toNanos();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * @param check      run after every beat
     * @param signOfLife run after the first beat at least one keep-alive interval after the start or its last run
     *                   (an exception from either is logged)
     */
    public Heartbeat start(Visibility visibility, String videoId, Runnable check, Runnable signOfLife) {
        return new Heartbeat(visibility, videoId, check, signOfLife);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        chores.shutdownNow();
    }

    /** One job's heartbeat; closing it stops the beats and waits for a beat and chores in flight to end. */
    public final class Heartbeat implements AutoCloseable {

        private final String videoId;
        private final Runnable check;
        private final Runnable signOfLife;
        private final ScheduledFuture<?> beats;
        private long lastSignOfLife = System.nanoTime();
        private CompletableFuture<Void> lastBeat = CompletableFuture.completedFuture(null);
        private Future<?> lastChores = CompletableFuture.completedFuture(null);
        private boolean closed;

        private Heartbeat(Visibility visibility, String videoId, Runnable check, Runnable signOfLife) {
            this.videoId = videoId;
            this.check = check;
            this.signOfLife = signOfLife;
            this.beats = scheduler.scheduleAtFixedRate(() -> beat(visibility), periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        }

        /** Starts extending the visibility and, unless the last ones still run, the chores; nothing once closed. */
        private synchronized void beat(Visibility visibility) {
            if (closed) {
                return;
            }
            lastBeat = visibility.changeToAsync(timeoutSeconds).whenComplete((done, error) -> {
                if (error != null) {
                    log.warn("Could not extend the visibility of the job for video {}: {}", videoId,
                            error.getMessage());
                } else {
                    log.debug("Extended the visibility of the job for video {} by {}s", videoId, timeoutSeconds);
                }
            });
            if (lastChores.isDone()) {
                lastChores = chores.submit(this::runChores);
            }
        }

        private void runChores() {
            runLogged(check, "check");
            long now = System.nanoTime();
            if (now - lastSignOfLife >= keepAliveNanos) {
                lastSignOfLife = now;
                runLogged(signOfLife, "sign of life");
            }
        }

        private void runLogged(Runnable action, String what) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("Heartbeat {} of the job for video {} failed: {}", what, videoId, e.toString());
            }
        }

        @Override
        public void close() {
            Future<?> beat;
            Future<?> running;
            synchronized (this) {
                closed = true;
                beat = lastBeat;
                running = lastChores;
            }
            beats.cancel(false);
            for (Future<?> last : new Future<?>[] {beat, running}) {
                try {
                    last.get(FINAL_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    log.debug("The last beat or chores of the job for video {} did not end: {}", videoId,
                            e.getMessage());
                }
            }
        }
    }
}
