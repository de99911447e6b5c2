package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.support.tracing.Traces;
import dev.framesmith.worker.extraction.Phases.Phase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobPhasesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WorkerMetrics metrics = new WorkerMetrics(registry);
    private final AtomicLong now = new AtomicLong();
    private final JobPhases phases = new JobPhases(now::get, Traces.none());

    @Test
    void everyPhaseIsRecordedWithTheResolutionClassKnownOnlyAfterTheDownload() {
        phases.run(Phase.DOWNLOAD, () -> now.addAndGet(3_000_000_000L));
        phases.source(1920, 1080);
        phases.run(Phase.EXTRACT, () -> now.addAndGet(2_000_000_000L));
        phases.run(Phase.EXTRACT, () -> now.addAndGet(1_000_000_000L));

        phases.recordIn(metrics);

        assertThat(seconds("download", "fullhd")).isEqualTo(3.0);
        assertThat(seconds("extract", "fullhd")).as("both tries of the extraction").isEqualTo(3.0);
        assertThat(registry.find("framesmith.worker.phase.seconds").tag("phase", "upload").timer()).isNull();
    }

    @Test
    void aPhaseThatFailsIsTimedToo() {
        assertThatThrownBy(() -> phases.run(Phase.DOWNLOAD, () -> {
            now.addAndGet(500_000_000L);
            throw new IllegalStateException("disk full");
        })).hasMessage("disk full");

        phases.recordIn(metrics);

        assertThat(seconds("download", "unknown")).isEqualTo(0.5);
    }

    @Test
    void phasesOfTenthsOfASecondFallInBucketsOfTheirOwn() {
        phases.run(Phase.DOWNLOAD, () -> now.addAndGet(70_000_000L));
        phases.run(Phase.PROBE, () -> now.addAndGet(180_000_000L));
        phases.run(Phase.UPLOAD, () -> now.addAndGet(400_000_000L));

        phases.recordIn(metrics);

        assertThat(bucketOf("download")).isEqualTo(0.1);
        assertThat(bucketOf("probe")).isEqualTo(0.25);
        assertThat(bucketOf("upload")).isEqualTo(0.5);
    }

    @Test
    void theJobCountersExistAtZeroBeforeTheFirstJob() {
        assertThat(registry.find("framesmith.worker.jobs").counters()).extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("completed", "reused", "failed", "retried", "released", "duplicate",
                        "stopped", "malformed");
        assertThat(registry.find("framesmith.worker.jobs").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @ParameterizedTest
    @CsvSource({"640, 360, sd", "720, 576, sd", "1280, 720, hd", "1080, 1920, fullhd", "2560, 1440, qhd",
            "3840, 2160, uhd", "0, 0, unknown"})
    void theResolutionClassGoesByTheShorterSide(int width, int height, String expected) {
        assertThat(ResolutionClass.of(width, height)).isEqualTo(expected);
    }

    /** The upper bound of the smallest bucket that counts the phase's one recording. */
    private double bucketOf(String phase) {
        return Arrays.stream(registry.get("framesmith.worker.phase.seconds").tag("phase", phase).timer()
                        .takeSnapshot().histogramCounts())
                .filter(bucket -> bucket.count() == 1)
                .mapToDouble(bucket -> bucket.bucket(TimeUnit.SECONDS))
                .min().orElseThrow();
    }

    private double seconds(String phase, String resolution) {
        Timer timer = registry.get("framesmith.worker.phase.seconds").tag("phase", phase).tag("resolution", resolution)
                .timer();
        return timer.totalTime(TimeUnit.SECONDS);
    }
}
