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
 * Keeps running jobs' messages invisible: every third of the visibility timeout the message's
 * visibility is set to the full timeout again, so that no other worker receives it while the job
 * runs, however long it takes. Each beat also runs the job's own check (renewing its claim, see {@link JobClaims}).
 */
@Component
public class Heartbeats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final long FINAL_BEAT_WAIT_SECONDS = 10;

    private final ScheduledExecutorService scheduler;
    private final int timeoutSeconds;
    private final long periodMillis;

    public Heartbeats(WorkerProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "visibility-heartbeat-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timeoutSeconds = properties.visibilityTimeoutSeconds();
        this.periodMillis = Math.max(200, Duration.ofSeconds(timeoutSeconds).toMillis() / 3);
    }

    /** @param check run on every beat after the visibility is extended; an exception from it is logged */
    public Heartbeat start(Visibility visibility, String videoId, Runnable check) {
        return new Heartbeat(visibility, videoId, check);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    /** One job's heartbeat; closing it stops the beats and waits for one in flight to land. */
    public final class Heartbeat implements AutoCloseable {

        private final Runnable check;
        private final ScheduledFuture<?> beats;
        private CompletableFuture<Void> lastBeat = CompletableFuture.completedFuture(null);
        private boolean closed;

        private Heartbeat(Visibility visibility, String videoId, Runnable check) {
            this.check = check;
            this.beats = scheduler.scheduleAtFixedRate(() -> beat(visibility, videoId), periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        }

        private void beat(Visibility visibility, String videoId) {
            if (extend(visibility, videoId)) {
                try {
                    check.run();
                } catch (RuntimeException e) {
                    log.warn("Heartbeat check of the job for video {} failed: {}", videoId, e.toString());
                }
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
