package dev.framesmith.worker.job;

import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Knows the running jobs, for a graceful shutdown: when the context closes (SIGTERM), no new job
 * starts, and the running ones get {@code framesmith.worker.shutdown-grace} to finish; then they
 * are cancelled (FFmpeg killed) and their listeners give the messages back at once.
 */
@Component
public class RunningJobs implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);
    private static final long POLL_MILLIS = 100;

    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Duration grace;
    private final ApplicationContext context;

    public RunningJobs(WorkerProperties properties, ApplicationContext context) {
        this.grace = properties.shutdownGrace();
        this.context = context;
    }

    /** A handle for a new job, or empty when the worker is shutting down and the job must not start. */
    public Optional<Cancellation> begin() {
        if (closing.get()) {
            return Optional.empty();
        }
        Cancellation cancellation = new Cancellation();
        running.add(cancellation);
        if (closing.get()) {
            running.remove(cancellation);
            return Optional.empty();
        }
        return Optional.of(cancellation);
    }

    public void end(Cancellation cancellation) {
        running.remove(cancellation);
    }

    public boolean closing() {
        return closing.get();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !closing.compareAndSet(false, true) || running.isEmpty()) {
            return;
        }
        log.info("Shutting down with {} running jobs; they have {} ms to finish", running.size(), grace.toMillis());
        Thread deadline = new Thread(this::cancelAfterGrace, "shutdown-grace");
        deadline.setDaemon(true);
        deadline.start();
    }

    private void cancelAfterGrace() {
        long end = System.nanoTime() + grace.toNanos();
        try {
            while (!running.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!running.isEmpty()) {
            log.warn("Grace period over: stopping {} running jobs and giving their messages back", running.size());
            running.forEach(Cancellation::cancel);
        }
    }
}
