package dev.framesmith.worker.job;

import dev.framesmith.support.tracing.Traces;
import dev.framesmith.worker.extraction.Phases;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The phases of one job as they ran, each a span of the job's trace: their time adds up per phase (an extraction
 * tried twice counts both tries) and is recorded with the source's resolution class when the job ends, so that every
 * phase of a job carries the same class, even the download that ran before it was known.
 */
final class JobPhases implements Phases {

    private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);
    private final LongSupplier clock;
    private final Traces traces;
    private String resolution = ResolutionClass.UNKNOWN;

    JobPhases(LongSupplier clock, Traces traces) {
        this.clock = clock;
        this.traces = traces;
    }

    /** Runs the phase in its own span (named after it, in the job's trace), timing it. */
    @Override
    public <T> T time(Phase phase, Supplier<T> step) {
        long started = clock.getAsLong();
        try {
            return traces.step(phase.name().toLowerCase(Locale.ROOT), step);
        } finally {
            nanos.merge(phase, clock.getAsLong() - started, Long::sum);
        }
    }

    void run(Phase phase, Runnable step) {
        time(phase, () -> {
            step.run();
            return null;
        });
    }

    @Override
    public void source(int width, int height) {
        resolution = ResolutionClass.of(width, height);
    }

    /** The source's resolution class, or {@code null} before the probe has told it. */
    String resolution() {
        return ResolutionClass.UNKNOWN.equals(resolution) ? null : resolution;
    }

    /** Records each phase that ran in {@code framesmith.worker.phase.seconds}. */
    void recordIn(WorkerMetrics metrics) {
        nanos.forEach((phase, took) -> metrics.phaseEnded(phase, resolution, took));
    }
}
