package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The end of a job's time budget, counted from the job's first start: every run of a job (a receive of its message)
 * gets at most the time left; once it has passed the job fails with {@link FailureCode#TIMED_OUT}, which is not
 * retried: a video that takes too long once would take too long on every receive.
 */
public final class Deadline {

    private final Duration budget;
    private final long endNanos;
    private final LongSupplier nanoClock;

    private Deadline(Duration budget, Duration spent, LongSupplier nanoClock) {
        this.budget = budget;
        this.nanoClock = nanoClock;
        this.endNanos = nanoClock.getAsLong() + budget.minus(spent.isNegative() ? Duration.ZERO : spent).toNanos();
    }

    public static Deadline after(Duration budget) {
        return after(budget, Duration.ZERO);
    }

    /** The budget of a job that has already used {@code spent} of it (on earlier receives of its message). */
    public static Deadline after(Duration budget, Duration spent) {
        return new Deadline(budget, spent, System::nanoTime);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - nanoClock.getAsLong()));
    }

    public boolean passed() {
        return endNanos - nanoClock.getAsLong() <= 0;
    }

    /** {@code timeout}, or the time left when that is shorter. */
    public Duration cap(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }

    /** Throws the job's rejection when the deadline has passed. */
    public void check() {
        if (passed()) {
            throw expired();
        }
    }

    public VideoRejectedException expired() {
        return new VideoRejectedException(FailureCode.TIMED_OUT, "Processing this video took longer than the allowed "
                + human(budget) + ".");
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : Math.max(1, seconds) + " s";
    }
}
