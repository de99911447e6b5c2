package dev.framesmith.worker.ffmpeg;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets one job be stopped from another thread: cancelling kills the processes the job is running (with their
 * children) and makes the job's next step throw {@link CancellationException}. A {@link #child()} stops one step
 * only (for example when its output grows past its budget), and is stopped with the job.
 */
public final class Cancellation {

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Set<Cancellation> children = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
        running.forEach(ProcessTree::kill);
        children.forEach(Cancellation::cancel);
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

    /** A cancellation for one step of this job: cancelled with the job, or on its own; {@link #close()} it after. */
    public Child child() {
        Child child = new Child(this);
        children.add(child.cancellation);
        if (cancelled) {
            child.cancellation.cancel();
        }
        return child;
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

    /** A step's own cancellation. */
    public static final class Child implements AutoCloseable {

        private final Cancellation parent;
        private final Cancellation cancellation = new Cancellation();

        private Child(Cancellation parent) {
            this.parent = parent;
        }

        public Cancellation cancellation() {
            return cancellation;
        }

        @Override
        public void close() {
            parent.children.remove(cancellation);
        }
    }
}
