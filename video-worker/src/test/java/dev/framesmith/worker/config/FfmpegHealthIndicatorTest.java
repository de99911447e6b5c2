package dev.framesmith.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class FfmpegHealthIndicatorTest {

    private static final long ONE_GB = 1L << 30;
    private static final FfmpegBinary FFMPEG = new FfmpegBinary(Path.of("/bin/sh"));

    @Test
    void readyWithFfmpegAndTheMemoryLimitApplied() {
        Health health = new FfmpegHealthIndicator(FFMPEG, new ChildLimits(ONE_GB, Path.of("/usr/bin/prlimit")))
                .health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("memoryLimit", ONE_GB + " bytes, with /usr/bin/prlimit");
    }

    @Test
    void notReadyWhenTheConfiguredMemoryLimitCannotBeApplied() {
        Health health = new FfmpegHealthIndicator(FFMPEG, new ChildLimits(ONE_GB, null)).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("memoryLimit"))).contains("prlimit (util-linux) is not on");
    }

    @Test
    void withoutALimitOnlyFfmpegCounts() {
        assertThat(new FfmpegHealthIndicator(FFMPEG, ChildLimits.NONE).health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(new FfmpegHealthIndicator(new FfmpegBinary(Path.of("/nonexistent/ffmpeg")), ChildLimits.NONE)
                .health(true).getStatus()).isEqualTo(Status.DOWN);
    }
}
