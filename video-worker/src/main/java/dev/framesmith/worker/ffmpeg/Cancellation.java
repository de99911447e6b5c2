package dev.framesmith.worker.ffmpeg;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets one job be stopped from another thread: cancelling kills the FFmpeg processes the job is
 * running (with their children) and makes the job's next step throw {@link CancellationException}.
 */
public final class Cancellation {

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
        running.forEach(ProcessTree::kill);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws if the job was cancelled; call between the steps of a job. */
    public void check() {
        if (cancelled) {
            throw new CancellationException("job cancelled");
        }
    }

    void attach(Process process) {
        running.add(process);
        if (cancelled) {
            ProcessTree.kill(process);
        }
    }

    void detach(Process process) {
        running.remove(process);
    }
}
