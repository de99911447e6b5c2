package dev.framesmith.worker.job;

import dev.framesmith.worker.extraction.ExtractionMethod;
import dev.framesmith.worker.extraction.Phases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The worker's meters: {@code framesmith.worker.jobs{outcome}}, the
 * {@code framesmith.worker.processing.seconds{outcome}} and {@code framesmith.worker.phase.seconds{phase,resolution}}
 * histograms, {@code framesmith.worker.frames{method}}, {@code framesmith.worker.ffmpeg.exit{code}} and
 * {@code framesmith.worker.decoder.exit{code}}. The job and frame counters exist from the start with every outcome
 * and method at 0, so that {@code increase()} sees the first failure too.
 */
@Component
public class WorkerMetrics {

    /**
     * From 50 ms to the 2-hour job limit: a short clip's download, probe and upload take tenths of a second, so a
     * p95 of them needs buckets below a second.
     */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2)};

    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (JobOutcome outcome : JobOutcome.values()) {
            jobs(outcome);
        }
        for (ExtractionMethod method : ExtractionMethod.values()) {
            frames(method);
        }
    }

    public void jobEnded(JobOutcome outcome, Duration took) {
        jobs(outcome).increment();
        Timer.builder("framesmith.worker.processing.seconds")
                .description("Time from receiving a job to its outcome")
                .tag("outcome", outcome.tag())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry)
                .record(took);
    }

    public void framesExtracted(int count, ExtractionMethod method) {
        frames(method).increment(count);
    }

    void phaseEnded(Phases.Phase phase, String resolution, long nanos) {
        Timer.builder("framesmith.worker.phase.seconds")
                .description("Time of one phase of a job (zip runs inside extract), by the source's resolution class")
                .tag("phase", phase.name().toLowerCase(Locale.ROOT))
                .tag("resolution", resolution)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    private Counter jobs(JobOutcome outcome) {
        return Counter.builder("framesmith.worker.jobs")
                .description("Processing messages handled, by outcome")
                .tag("outcome", outcome.tag())
                .register(registry);
    }

    private Counter frames(ExtractionMethod method) {
        return Counter.builder("framesmith.worker.frames")
                .description("Frames extracted and uploaded, by extraction method")
                .tag("method", method.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    public void decoderExited(int code) {
        exited("framesmith.worker.decoder.exit", "Frame decoder runs by exit code", code);
    }

    public void ffmpegExited(int code) {
        exited("framesmith.worker.ffmpeg.exit", "FFmpeg runs by exit code", code);
    }

    private void exited(String name, String description, int code) {
        Counter.builder(name)
                .description(description)
                .tag("code", Integer.toString(code))
                .register(registry)
                .increment();
    }
}
