package dev.framesmith.worker.config;

import dev.framesmith.worker.extraction.ExtractionSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker runs jobs.
 *
 * @param ffmpegPath         a system FFmpeg to use instead of the static build bundled with jave
 * @param workDir            where job directories go (source, frames, ZIP); default: a directory in java.io.tmpdir
 * @param concurrency        jobs run at the same time by one worker
 * @param visibilityTimeout  how long a received job stays invisible to other workers; extended every third of it
 *                           while the job runs
 * @param pollTimeout        long-polling wait of each receive
 * @param progressInterval   least time between two PROGRESS events of a job
 * @param shutdownGrace      on shutdown, how long running jobs may still finish before they are stopped and
 *                           their messages given back
 * @param maxDuration        longest video accepted (longer: FAILED with TOO_LONG)
 * @param maxFrames          most frames one job may produce (more: FAILED with TOO_MANY_FRAMES)
 * @param probeTimeout       deadline of each probing FFmpeg run
 * @param extractionTimeout  deadline of each extracting FFmpeg run
 * @param retryBackoff       delay before the first retry of a job that failed for a passing reason; doubles with
 *                           every further receive
 * @param maxRetryBackoff    longest such delay
 * @param multipartThreshold ZIPs at least this large are uploaded in parts
 * @param partSize           size of each part (S3 needs at least 5 MB)
 * @param seek               when frames are taken by seeking instead of decoding everything
 */
@Validated
@ConfigurationProperties("framesmith.worker")
public record WorkerProperties(
        Path ffmpegPath,
        Path workDir,
        @DefaultValue("2") @Min(1) @Max(64) int concurrency,
        @DefaultValue("60s") @NotNull Duration visibilityTimeout,
        @DefaultValue("10s") @NotNull Duration pollTimeout,
        @DefaultValue("3s") @NotNull Duration progressInterval,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("2h") @NotNull Duration maxDuration,
        @DefaultValue("20000") @Min(1) @Max(99999) int maxFrames,
        @DefaultValue("2m") @NotNull Duration probeTimeout,
        @DefaultValue("2h") @NotNull Duration extractionTimeout,
        @DefaultValue("10s") @NotNull Duration retryBackoff,
        @DefaultValue("5m") @NotNull Duration maxRetryBackoff,
        @DefaultValue("64MB") @NotNull DataSize multipartThreshold,
        @DefaultValue("16MB") @NotNull DataSize partSize,
        @DefaultValue @Valid Seek seek) {

    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    public WorkerProperties {
        if (visibilityTimeout.compareTo(Duration.ofSeconds(1)) < 0 || visibilityTimeout.compareTo(MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException("framesmith.worker.visibility-timeout must be between 1s and 12h");
        }
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("framesmith.worker.poll-timeout must be between 0s and 20s");
        }
        if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException("framesmith.worker.part-size must be at least 5MB");
        }
    }

    /**
     * @param enabled          seeking may be chosen at all
     * @param minKeyframeRatio seek only when the sampling interval spans at least this many keyframe intervals
     * @param minDuration      seek only for videos at least this long
     * @param scanWindow       how much of the video is scanned for keyframes
     */
    public record Seek(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4") @DecimalMin("1") double minKeyframeRatio,
            @DefaultValue("60s") @NotNull Duration minDuration,
            @DefaultValue("60s") @NotNull Duration scanWindow) {
    }

    /** Whole seconds, as SQS counts visibility. */
    public int visibilityTimeoutSeconds() {
        return (int) Math.max(1, visibilityTimeout.toSeconds());
    }

    public ExtractionSettings extractionSettings() {
        return new ExtractionSettings(maxDuration, maxFrames, probeTimeout, extractionTimeout,
                new ExtractionSettings.Seek(seek.enabled(), seek.minKeyframeRatio(), seek.minDuration(),
                        seek.scanWindow()));
    }
}
