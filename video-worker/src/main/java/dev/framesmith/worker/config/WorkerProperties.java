package dev.framesmith.worker.config;

import dev.framesmith.support.processing.ProcessingLimits;
import dev.framesmith.worker.extraction.ExtractionSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param keepAlive          how often a running job tells ms-video it is alive (a PROGRESS event that raises
 *                           nothing), whatever its progress; keep it well below ms-video's
 *                           {@code framesmith.video.sweep.stale-after}
 * @param shutdownGrace      on shutdown, how long running jobs may still finish before they are stopped and
 *                           their messages given back
 * @param probeTimeout       deadline of each probing FFmpeg run
 * @param jobTimeout         deadline of a job from its start; when it passes the job fails with TIMED_OUT and is not
 *                           retried
 * @param retryBackoff       delay before the first retry of a job that failed for a passing reason; doubles with
 *                           every further receive
 * @param maxRetryBackoff    longest such delay
 * @param multipartThreshold ZIPs at least this large are uploaded in parts
 * @param partSize           size of each part (S3 needs at least 5 MB)
 * @param limits             what one job may cost
 * @param decoder            the partial decoder
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
        @DefaultValue("5m") @NotNull Duration keepAlive,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("2m") @NotNull Duration probeTimeout,
        @DefaultValue("2h") @NotNull Duration jobTimeout,
        @DefaultValue("10s") @NotNull Duration retryBackoff,
        @DefaultValue("5m") @NotNull Duration maxRetryBackoff,
        @DefaultValue("64MB") @NotNull DataSize multipartThreshold,
        @DefaultValue("16MB") @NotNull DataSize partSize,
        @DefaultValue @Valid Limits limits,
        @DefaultValue @Valid Decoder decoder) {

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
        if (keepAlive.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("framesmith.worker.keep-alive must be at least 1s");
        }
        if (jobTimeout.isNegative() || jobTimeout.isZero()) {
            throw new IllegalArgumentException("framesmith.worker.job-timeout must be positive");
        }
    }

    /**
     * @param maxFramePixels largest picture (width x height) accepted; default 4096 x 2304
     * @param maxPixelRate   most pixels per second of video (width x height x frames per second); default
     *                       4096 x 2304 at 60 fps
     * @param minFreeSpace   free space the work directory must keep beyond a job's expected needs
     * @param memory         address-space limit of each FFmpeg or decoder process; 0 for none
     * @param threads        decoding threads of each FFmpeg or decoder process
     */
    public record Limits(
            @DefaultValue("9437184") @Min(1) long maxFramePixels,
            @DefaultValue("600000000") @Min(1) long maxPixelRate,
            @DefaultValue("256MB") @NotNull DataSize minFreeSpace,
            @DefaultValue("1GB") @NotNull DataSize memory,
            @DefaultValue("2") @Min(1) @Max(16) int threads) {
    }

    /**
     * @param enabled     frames may be taken by decoding only what they need
     * @param minDuration shorter videos are decoded whole
     * @param java        the java executable of the decoder's JVM; default: the worker's own
     * @param jvmOptions  options of the decoder's JVM
     * @param cacheDir    a writable directory where JavaCPP unpacks the libav* libraries; default: in work-dir
     * @param nativesDir  the libraries already unpacked (the container image does it when it is built); default:
     *                    unpacked from the jars into cache-dir
     */
    public record Decoder(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") @NotNull Duration minDuration,
            Path java,
            @DefaultValue({"-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:ReservedCodeCacheSize=32m", "-XX:CompressedClassSpaceSize=32m", "-XX:MaxMetaspaceSize=64m",
                    "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData"}) @NotEmpty List<String> jvmOptions,
            Path cacheDir,
            Path nativesDir) {
    }

    /** The directory that holds the job directories and the decoder's cache. */
    public Path workRoot() {
        return (workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "framesmith-worker"))
                .toAbsolutePath();
    }

    /** Where the decoder's JVM finds its unpacked libraries and the jars copied out of the worker's jar. */
    public Path decoderCacheDir() {
        return decoder.cacheDir() != null ? decoder.cacheDir().toAbsolutePath() : workRoot().resolve("decoder-cache");
    }

    /** Whole seconds, as SQS counts visibility. */
    public int visibilityTimeoutSeconds() {
        return (int) Math.max(1, visibilityTimeout.toSeconds());
    }

    /** The extraction's settings: these properties and the limits shared with ms-video. */
    public ExtractionSettings extractionSettings(ProcessingLimits processing) {
        return new ExtractionSettings(processing.maxDuration(), processing.maxFrames(), probeTimeout,
                new ExtractionSettings.Budget(limits.maxFramePixels(), limits.maxPixelRate(),
                        processing.maxOutputSize().toBytes(), limits.minFreeSpace().toBytes(), limits.threads()),
                new ExtractionSettings.FrameWidth(processing.defaultWidth(), processing.maxWidth()),
                new ExtractionSettings.PartialDecode(decoder.enabled(), decoder.minDuration()));
    }
}
