package dev.framesmith.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One service of the local run, restarted when it exits as Kubernetes restarts a pod's container: after a back-off
 * that doubles from {@link #FIRST_DELAY} to {@link #MAX_DELAY} with each exit in a row and starts again from the first
 * once the service stayed up {@link #STABLE_AFTER}. Each exit and restart is printed. A service {@link #stop stopped}
 * on purpose stays down until {@link #start started}.
 */
final class SupervisedService {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    private final PrintStream out;
    private final ScheduledExecutorService scheduler;
    private final Consumer<ServiceProcess> launched;
    private ServiceProcess current;
    private Instant startedAt = Instant.now();
    private int exitsInARow;
    private int restarts;
    private boolean supervised;
    private boolean held;
    private boolean closed;

    /** @param launched told of every new process (the first one too), so it can be cleaned up after a crash */
    SupervisedService(ServiceProcess first, PrintStream out, ScheduledExecutorService scheduler,
            Consumer<ServiceProcess> launched) {
        this.current = first;
        this.out = out;
        this.scheduler = scheduler;
        this.launched = launched;
        launched.accept(first);
    }

    /** Begins watching: from now on an exit leads to a restart. */
    synchronized void supervise() {
        supervised = true;
        watch(current);
    }

    private void watch(ServiceProcess process) {
        process.onExit().thenRun(() -> exited(process));
    }

    private synchronized void exited(ServiceProcess process) {
        if (process != current || closed || held) {
            return;
        }
        boolean stable = Duration.between(startedAt, Instant.now()).compareTo(STABLE_AFTER) >= 0;
        exitsInARow = stable ? 1 : exitsInARow + 1;
        Duration delay = delay(exitsInARow);
        out.printf("!! %s exited with code %d; restarting it in %d s (restart %d); see %s%n", name(),
                process.exitValue(), delay.toSeconds(), restarts + 1, process.log());
        scheduler.schedule(() -> relaunch(process), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The pause before the restart that follows the {@code exitsInARow}-th exit in a row. */
    static Duration delay(int exitsInARow) {
        Duration delay = FIRST_DELAY;
        for (int i = 1; i < exitsInARow && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private synchronized void relaunch(ServiceProcess exited) {
        if (exited != current || closed || held) {
            return;
        }
        try {
            launch(exited);
            out.printf("   %s restarted (restart %d)%n", name(), restarts);
        } catch (RuntimeException e) {
            out.printf("!! %s could not be restarted: %s%n", name(), e.getMessage());
            exited(exited);
        }
    }

    String name() {
        return process().name();
    }

    synchronized ServiceProcess process() {
        return current;
    }

    /** How often it was restarted. */
    synchronized int restarts() {
        return restarts;
    }

    /** Kills it (SIGKILL, with its children); it is restarted after the back-off. */
    void kill() {
        process().kill();
    }

    /** Asks it to shut down (SIGTERM); it is restarted after the back-off once it has exited. */
    void terminate() {
        process().terminate();
    }

    /** Stops it gracefully and keeps it down until {@link #start}. */
    void stop(Duration grace) {
        ServiceProcess process;
        synchronized (this) {
            held = true;
            process = current;
        }
        process.stop(grace);
    }

    /** Starts it again at once after {@link #stop}; a no-op while it runs. */
    synchronized void start() {
        held = false;
        if (!current.isAlive() && !closed) {
            launch(current);
            out.printf("   %s started again (restart %d)%n", name(), restarts);
        }
    }

    private void launch(ServiceProcess previous) {
        current = previous.relaunch();
        startedAt = Instant.now();
        restarts++;
        launched.accept(current);
        watch(current);
    }

    /** Waits until the current process is ready (after a restart, the new one). */
    void awaitReady(Instant deadline) {
        while (true) {
            ServiceProcess process = process();
            try {
                process.awaitReady(deadline);
                return;
            } catch (IllegalStateException e) {
                if (process == process() && (!isSupervised() || held || closed || Instant.now().isAfter(deadline))) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private synchronized boolean isSupervised() {
        return supervised;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops supervising and stops the service for good. */
    void close(Duration grace) {
        ServiceProcess process;
        synchronized (this) {
            closed = true;
            process = current;
        }
        process.stop(grace);
    }
}
