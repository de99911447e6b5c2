package dev.framesmith.video.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * ms-video's own settings ({@code framesmith.video.*}).
 *
 * @param maxInFlightPerUser  videos of one user that may be QUEUED or PROCESSING at the same time
 * @param maxQueuedPerUser    of those, how many may be QUEUED: sent to the workers but not started yet; the next is
 *                            sent when one starts or ends, so another user's job is never queued behind more than
 *                            this many of one user's
 * @param maxUploadSize       largest accepted video file
 * @param maxFilesPerRequest  files accepted in one {@code POST /videos}
 * @param partSize            S3 multipart part size of streamed uploads (S3's minimum is 5 MB); one buffer of
 *                            this size per large file being received
 * @param uploadBuffers       how many part buffers may exist at once (bounds the memory of concurrent large
 *                            streamed uploads to uploadBuffers x partSize)
 * @param uploadBufferWait    how long a large upload waits for a free buffer before it is refused (503)
 * @param partsInFlight       parts of one streamed upload sent to S3 at once while the next is read, each in a spare
 *                            buffer taken from the same pool while one is free and no other upload waits for one;
 *                            0 sends each part before reading the next
 * @param multipartThreshold  direct uploads larger than this get presigned multipart part URLs instead of one PUT
 * @param directPartSize      part size offered to direct multipart uploads (raised when the file needs more
 *                            than 10,000 parts)
 * @param uploadUrlTtl        lifetime of direct-upload URLs, at most 15 minutes; an upload not completed or renewed by
 *                            then expires (a slower one asks for fresh URLs, as the page does)
 * @param uploadMaxDuration   how long after its start a direct upload may still get fresh URLs
 *                            ({@code POST /videos/{id}/upload-urls}); at least {@code uploadUrlTtl}. In AWS the bucket
 *                            aborts multipart uploads a day after they start, so keep it under a day
 * @param downloadUrlTtl      lifetime of the presigned link returned by {@code GET /videos/{id}/download}, at most
 *                            15 minutes (the page and the e-mail's link ask for a fresh one on every click)
 * @param metricsInterval     how often the videos per status are counted for the {@code framesmith.video.videos}
 *                            gauge
 * @param minUploadRate       a streamed upload slower than this per second, averaged over
 *                            {@code uploadRateWindow}, is cut off (408): a trickling client holds a server thread
 * @param uploadRateWindow    the span over which the upload rate is measured (a slow start is forgiven for this long)
 * @param streamMaxDuration   the longest a {@code POST /videos} body may take to arrive (408): its files are stored
 *                            before its videos are recorded, so it must end well within {@code sweep.orphan-grace}
 * @param quotas              what one user may hold at once
 * @param sweep               the sweeper that keeps videos from getting stuck
 * @param live                server-sent events
 */
@Validated
@ConfigurationProperties("framesmith.video")
public record VideoProperties(
        @DefaultValue("5") @Min(1) @Max(1000) int maxInFlightPerUser,
        @DefaultValue("1") @Min(1) @Max(1000) int maxQueuedPerUser,
        @DefaultValue("2GB") @NotNull DataSize maxUploadSize,
        @DefaultValue("20") @Min(1) @Max(1000) int maxFilesPerRequest,
        @DefaultValue("8MB") @NotNull DataSize partSize,
        @DefaultValue("24") @Min(1) @Max(10_000) int uploadBuffers,
        @DefaultValue("30s") @NotNull Duration uploadBufferWait,
        @DefaultValue("2") @Min(0) @Max(16) int partsInFlight,
        @DefaultValue("100MB") @NotNull DataSize multipartThreshold,
        @DefaultValue("64MB") @NotNull DataSize directPartSize,
        @DefaultValue("15m") @NotNull Duration uploadUrlTtl,
        @DefaultValue("12h") @NotNull Duration uploadMaxDuration,
        @DefaultValue("5m") @NotNull Duration downloadUrlTtl,
        @DefaultValue("1m") @NotNull Duration metricsInterval,
        @DefaultValue("8KB") @NotNull DataSize minUploadRate,
        @DefaultValue("30s") @NotNull Duration uploadRateWindow,
        @DefaultValue("50m") @NotNull Duration streamMaxDuration,
        @DefaultValue @Valid Quotas quotas,
        @DefaultValue @Valid Sweep sweep,
        @DefaultValue @Valid Live live) {

    /** S3 refuses multipart parts below 5 MiB (except the last one). */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** A presigned URL signed with SigV4 lives at most seven days. */
    static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);
    /** Between a streamed request's last byte and its videos' records. */
    static final Duration ORPHAN_MARGIN = Duration.ofMinutes(5);
    /**
     * A presigned link lives minutes: it is a bearer credential (anyone holding a download link may fetch the archive,
     * anyone holding an upload URL may write its object), and in AWS it dies with the session credentials that signed
     * it anyway. An upload that takes longer asks for fresh URLs.
     */
    static final Duration MAX_LINK_TTL = Duration.ofMinutes(15);

    public VideoProperties {
        if (uploadRateWindow.isNegative() || uploadRateWindow.isZero()) {
            throw new IllegalArgumentException("framesmith.video.upload-rate-window must be positive");
        }
        if (partSize.toBytes() < MIN_PART_SIZE || directPartSize.toBytes() < MIN_PART_SIZE) {
            throw new IllegalArgumentException("framesmith.video part sizes must be at least 5MB");
        }
        if (partSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("framesmith.video.part-size must be below 2GB");
        }
        if (uploadUrlTtl.isNegative() || uploadUrlTtl.isZero() || uploadUrlTtl.compareTo(MAX_LINK_TTL) > 0) {
            throw new IllegalArgumentException("framesmith.video.upload-url-ttl must be between 1s and 15 minutes");
        }
        if (uploadMaxDuration.compareTo(uploadUrlTtl) < 0 || uploadMaxDuration.compareTo(MAX_PRESIGN_TTL) > 0) {
            throw new IllegalArgumentException(
                    "framesmith.video.upload-max-duration must be between upload-url-ttl and 7 days");
        }
        if (downloadUrlTtl.isNegative() || downloadUrlTtl.isZero()
                || downloadUrlTtl.compareTo(MAX_LINK_TTL) > 0) {
            throw new IllegalArgumentException("framesmith.video.download-url-ttl must be between 1s and 15 minutes");
        }
        if (sweep.orphanGrace().compareTo(uploadUrlTtl) < 0) {
            // The empty object sealing a deleted upload's source must outlive every URL that could write there.
            throw new IllegalArgumentException("framesmith.video.sweep.orphan-grace must be at least upload-url-ttl");
        }
        if (sweep.orphanGrace().compareTo(streamMaxDuration.plus(ORPHAN_MARGIN)) < 0) {
            // A streamed request's first files wait in the bucket, without their videos, until its body has arrived.
            throw new IllegalArgumentException(
                    "framesmith.video.sweep.orphan-grace must be at least stream-max-duration + 5 minutes");
        }
        if (sweep.abandonedUploadAfter().compareTo(uploadMaxDuration) < 0) {
            // A direct upload may get fresh part URLs until upload-max-duration: its parts must be kept as long.
            throw new IllegalArgumentException(
                    "framesmith.video.sweep.abandoned-upload-after must be at least upload-max-duration");
        }
    }

    /**
     * Per-user caps, each refused with 429 and {@code Retry-After} when reached.
     *
     * @param concurrentUploads uploads of one user in progress at once: {@code POST /videos} requests being received
     *                          by this replica, and, separately, direct uploads started and not yet completed
     * @param waitingVideos     videos of one user waiting for a free slot; an upload that would go past it is refused
     * @param eventStreams      event streams of one user open on this replica at once
     */
    public record Quotas(
            @DefaultValue("3") @Min(1) @Max(1000) int concurrentUploads,
            @DefaultValue("100") @Min(1) @Max(100_000) int waitingVideos,
            @DefaultValue("5") @Min(1) @Max(1000) int eventStreams) {
    }

    /**
     * @param enabled          run the sweeper on a schedule (every replica may: each step is a conditional write)
     * @param interval         pause between two sweeps
     * @param dispatchRetryAfter an UPLOADED video untouched this long is dispatched again, and a dispatch interrupted
     *                         after taking its slot (a WAITING video holding one) resumed: its job was never sent
     *                         (the send failed, say while SQS was away, or the replica stopped in between), and
     *                         dispatching takes milliseconds, so this can be short
     * @param redispatchAfter  a QUEUED video untouched this long is sent again (doubling per attempt): its job may
     *                         simply be waiting in a long queue, so this is long
     * @param staleAfter       a PROCESSING video without any worker event this long fails
     * @param uploadGrace      extra time after a direct-upload URL expired before the upload is expired
     * @param orphanInterval   pause between two runs of the orphan removal (it lists every source object)
     * @param orphanGrace      a source object younger than this is never removed as an orphan (covers the files of a
     *                         streamed request stored before its videos are recorded, and the empty object sealing a
     *                         deleted upload's source while its URL lives); at least {@code upload-url-ttl}, and
     *                         {@code stream-max-duration} plus 5 minutes
     * @param abandonedUploadAfter a multipart upload under {@code raw/} neither completed nor aborted this long after it
     *                         started is aborted by the orphan removal, its parts removed: a streamed upload cut off
     *                         while S3 could not be told, a direct one given up. The bucket's lifecycle rule does the
     *                         same in AWS after a day; at least {@code upload-max-duration}
     * @param renotifyWithin   a DONE or FAILED video whose e-mail was not recorded as asked for is asked for again
     *                         when it finished more than {@code redispatchAfter} and less than this long ago (each
     *                         sweep reads the videos finished in that window from the status index)
     */
    public record Sweep(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") @NotNull Duration interval,
            @DefaultValue("30s") @NotNull Duration dispatchRetryAfter,
            @DefaultValue("5m") @NotNull Duration redispatchAfter,
            @DefaultValue("30m") @NotNull Duration staleAfter,
            @DefaultValue("5m") @NotNull Duration uploadGrace,
            @DefaultValue("1h") @NotNull Duration orphanInterval,
            @DefaultValue("1h") @NotNull Duration orphanGrace,
            @DefaultValue("1d") @NotNull Duration abandonedUploadAfter,
            @DefaultValue("1h") @NotNull Duration renotifyWithin) {
    }

    /**
     * Each replica polls the changes of a user's videos once for all of that user's open event streams.
     *
     * @param pollInterval      how often while the user has a video not finished (uploading, waiting or being
     *                          processed), or this replica changed one of the user's videos in the last few seconds
     * @param idlePollInterval  how often otherwise: the longest a change made on another replica (an upload or a
     *                          delete from another tab) takes to reach a user with nothing in flight
     * @param heartbeatInterval a comment line is sent when nothing else was, so proxies keep the stream open
     * @param streamTimeout     a stream is closed after this long; EventSource reconnects by itself
     */
    public record Live(
            @DefaultValue("2s") @NotNull Duration pollInterval,
            @DefaultValue("30s") @NotNull Duration idlePollInterval,
            @DefaultValue("15s") @NotNull Duration heartbeatInterval,
            @DefaultValue("30m") @NotNull Duration streamTimeout) {

        public Live {
            if (pollInterval.isNegative() || pollInterval.isZero() || idlePollInterval.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException(
                        "framesmith.video.live.poll-interval must be positive and idle-poll-interval at least as long");
            }
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("framesmith.video.live.heartbeat-interval must be positive");
            }
        }
    }
}
