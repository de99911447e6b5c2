package dev.framesmith.worker.job;

import dev.framesmith.worker.extraction.ProgressListener;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Turns the extraction's progress into PROGRESS events: only rising percentages, at most one per
 * interval (counted from STARTED). Extraction covers 5 to 90 percent; downloading comes before it,
 * zipping and uploading after, and 100 belongs to COMPLETED.
 */
final class ProgressReporter implements ProgressListener {

    private static final int FIRST = 5;
    private static final int SPAN = 85;

    private final IntConsumer publish;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastSent;
    private int lastPercent;

    ProgressReporter(IntConsumer publish, Duration interval, LongSupplier nanoClock) {
        this.publish = publish;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.lastSent = nanoClock.getAsLong();
    }

    @Override
    public synchronized void progress(double fraction) {
        int percent = Math.max(0, Math.min(99, FIRST + (int) Math.floor(Math.max(0, fraction) * SPAN)));
        long now = nanoClock.getAsLong();
        if (percent <= lastPercent || now - lastSent < intervalNanos) {
            return;
        }
        lastPercent = percent;
        lastSent = now;
        publish.accept(percent);
    }
}
