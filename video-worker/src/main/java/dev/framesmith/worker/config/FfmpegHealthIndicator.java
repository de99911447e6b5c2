package dev.framesmith.worker.config;

import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** The worker is only ready when its FFmpeg binary is there and executable. */
@Component("ffmpegHealthIndicator")
class FfmpegHealthIndicator extends AbstractHealthIndicator {

    private final FfmpegBinary binary;

    FfmpegHealthIndicator(FfmpegBinary binary) {
        super("FFmpeg is not available");
        this.binary = binary;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (binary.available()) {
            builder.up().withDetail("executable", binary.executable().toString());
        } else {
            builder.down().withDetail("executable", binary.executable().toString());
        }
    }
}
