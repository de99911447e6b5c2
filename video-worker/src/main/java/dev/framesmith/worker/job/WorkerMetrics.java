package dev.framesmith.worker.job;

import dev.framesmith.worker.extraction.ExtractionMethod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The worker's meters: {@code framesmith.worker.jobs{outcome}}, the
 * {@code framesmith.worker.processing.seconds{outcome}} histogram, {@code framesmith.worker.frames{method}},
 * {@code framesmith.worker.ffmpeg.exit{code}} and {@code framesmith.worker.decoder.exit{code}}.
 */
@Component
public class WorkerMetrics {

    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void jobEnded(JobOutcome outcome, Duration took) {
        Counter.builder("framesmith.worker.jobs")
                .description("Processing messages handled, by outcome")
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
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
        Counter.builder("framesmith.worker.frames")
                .description("Frames extracted and uploaded, by extraction method")
                .tag("method", method.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment(count);
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
