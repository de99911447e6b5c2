package dev.framesmith.worker.config;

import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The worker is only ready when its FFmpeg binary is there and executable, and, when a memory limit is configured
 * for FFmpeg and the frame decoder, when it can be applied ({@code prlimit} on the PATH): a worker that would run a
 * hostile file without its memory bound takes no job.
 */
@Component("ffmpegHealthIndicator")
public class FfmpegHealthIndicator extends AbstractHealthIndicator {

    private final FfmpegBinary binary;
    private final ChildLimits limits;

    FfmpegHealthIndicator(FfmpegBinary binary, ChildLimits limits) {
        super("FFmpeg is not available");
        this.binary = binary;
        this.limits = limits;
    }

    /** Whether jobs may run: FFmpeg is there, and the memory limit, when one is configured, can be applied. */
    public boolean ready() {
        return binary.available() && (limits.addressSpaceBytes() <= 0 || limits.applied());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (ready() ? builder.up() : builder.down())
                .withDetail("executable", binary.executable().toString())
                .withDetail("memoryLimit", memoryLimit(limits.addressSpaceBytes() > 0));
    }

    private String memoryLimit(boolean configured) {
        if (!configured) {
            return "none configured";
        }
        return limits.addressSpaceBytes() + (limits.applied() ? " bytes, with " + limits.prlimit()
                : " bytes configured, but prlimit (util-linux) is not on the PATH");
    }
}
