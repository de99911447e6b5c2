package dev.framesmith.video.catalog;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.support.security.CurrentUser;
import java.time.Instant;
import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbConvertedBy;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * One video as stored in the {@code videos} table. Indexes: {@code byUser} (user, creation time) for the
 * user's list and upload order, {@code byStatus} (status, last change) for the sweeper, and
 * {@code byUserUpdated} (user, last change) for live updates. Also the item the enhanced client writes
 * partially: only non-null fields of an update are written.
 * <p>
 * A new video is made by {@link #streamed} or {@link #direct} only; an existing one changes only through a
 * {@link Transition}. The setters exist for the table mapper (and for transitions), not for features.
 */
@DynamoDbBean
public class Video {

    private String id;
    private String userId;
    private String ownerEmail;
    private String ownerName;
    private String filename;
    private VideoStatus status;
    private Instant createdAt;
    private Instant updatedAt;
    private Long sizeBytes;
    private String contentType;
    private String sourceEtag;
    private Double fps;
    private String format;
    private Integer maxWidth;
    private Integer progress;
    private Integer frameCount;
    private Long zipBytes;
    private Long previewBytes;
    private Double durationSeconds;
    private String errorCode;
    private String errorMessage;
    private UploadMethod uploadMethod;
    private String uploadId;
    private Long partSizeBytes;
    private Instant uploadExpiresAt;
    private Integer dispatchAttempts;
    private Instant dispatchedAt;
    private String traceparent;
    private String pendingUserId;
    private Instant notifyClaimedAt;
    private Instant notifiedAt;
    private Long purgeAt;

    /**
     * A video received through {@code POST /videos}: in the bucket, checked, UPLOADED.
     *
     * @param sourceEtag the stored object's ETag: the worker reads that object only
     */
    public static Video streamed(String id, CurrentUser owner, String filename, long sizeBytes, String sourceEtag,
            String contentType, ExtractionOptions options) {
        Video video = newVideo(id, owner, filename, sizeBytes, options, VideoStatus.UPLOADED, UploadMethod.STREAM);
        video.sourceEtag = sourceEtag;
        video.contentType = contentType;
        return video;
    }

    /**
     * A direct upload just started: UPLOADING until the client completes it or it expires.
     *
     * @param uploadId      the S3 multipart upload, for {@link UploadMethod#MULTIPART}
     * @param partSizeBytes the size of each part but the last, for {@link UploadMethod#MULTIPART}
     * @param traceparent   the trace of the request that starts the upload (none: none kept): the job is sent in it
     *                      once the upload is complete, so that the upload is one trace from its start
     */
    public static Video direct(String id, CurrentUser owner, String filename, long sizeBytes, ExtractionOptions options,
            UploadMethod method, String uploadId, Long partSizeBytes, Instant uploadExpiresAt, String traceparent) {
        boolean multipart = method == UploadMethod.MULTIPART;
        if (method == UploadMethod.STREAM || multipart != (uploadId != null) || multipart != (partSizeBytes != null)) {
            throw new IllegalArgumentException("a direct upload is one PUT, or MULTIPART with an upload id and a part"
                    + " size");
        }
        Video video = newVideo(id, owner, filename, sizeBytes, options, VideoStatus.UPLOADING, method);
        video.uploadId = uploadId;
        video.partSizeBytes = partSizeBytes;
        video.uploadExpiresAt = uploadExpiresAt;
        video.traceparent = traceparent;
        return video;
    }

    private static Video newVideo(String id, CurrentUser owner, String filename, long sizeBytes,
            ExtractionOptions options, VideoStatus status, UploadMethod method) {
        Video video = new Video();
        video.id = id;
        video.userId = owner.userId();
        video.ownerEmail = owner.email();
        video.ownerName = owner.name();
        video.filename = filename;
        video.status = status;
        video.sizeBytes = sizeBytes;
        video.uploadMethod = method;
        video.extractionOptions(options);
        return video;
    }

    /**
     * Whether the presigned PUT of a direct upload may still write the source at {@code now}: then removing the
     * source must {@linkplain dev.framesmith.video.storage.VideoObjects#removeSource seal} it rather than delete it.
     */
    public boolean putUrlLiveAt(Instant now) {
        return uploadMethod == UploadMethod.PUT && uploadExpiresAt != null && uploadExpiresAt.isAfter(now);
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = {VideoStore.BY_USER, VideoStore.BY_USER_UPDATED})
    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getOwnerEmail() {
        return ownerEmail;
    }

    public void setOwnerEmail(String ownerEmail) {
        this.ownerEmail = ownerEmail;
    }

    public String getOwnerName() {
        return ownerName;
    }

    public void setOwnerName(String ownerName) {
        this.ownerName = ownerName;
    }

    public String getFilename() {
        return filename;
    }

    public void setFilename(String filename) {
        this.filename = filename;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = VideoStore.BY_STATUS)
    public VideoStatus getStatus() {
        return status;
    }

    public void setStatus(VideoStatus status) {
        this.status = status;
    }

    @DynamoDbSecondarySortKey(indexNames = {VideoStore.BY_USER, VideoStore.PENDING_BY_USER})
    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbSecondarySortKey(indexNames = {VideoStore.BY_STATUS, VideoStore.BY_USER_UPDATED})
    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    /** The ETag of the source object as checked on upload; the worker refuses any other object. */
    public String getSourceEtag() {
        return sourceEtag;
    }

    public void setSourceEtag(String sourceEtag) {
        this.sourceEtag = sourceEtag;
    }

    public Double getFps() {
        return fps;
    }

    public void setFps(Double fps) {
        this.fps = fps;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public Integer getMaxWidth() {
        return maxWidth;
    }

    public void setMaxWidth(Integer maxWidth) {
        this.maxWidth = maxWidth;
    }

    public Integer getProgress() {
        return progress;
    }

    public void setProgress(Integer progress) {
        this.progress = progress;
    }

    public Integer getFrameCount() {
        return frameCount;
    }

    public void setFrameCount(Integer frameCount) {
        this.frameCount = frameCount;
    }

    public Long getZipBytes() {
        return zipBytes;
    }

    public void setZipBytes(Long zipBytes) {
        this.zipBytes = zipBytes;
    }

    /** The size of the contact sheet beside the ZIP ({@code StorageKeys.preview}); {@code null} without one. */
    public Long getPreviewBytes() {
        return previewBytes;
    }

    public void setPreviewBytes(Long previewBytes) {
        this.previewBytes = previewBytes;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public void setErrorCode(String errorCode) {
        this.errorCode = errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    public UploadMethod getUploadMethod() {
        return uploadMethod;
    }

    public void setUploadMethod(UploadMethod uploadMethod) {
        this.uploadMethod = uploadMethod;
    }

    public String getUploadId() {
        return uploadId;
    }

    public void setUploadId(String uploadId) {
        this.uploadId = uploadId;
    }

    public Long getPartSizeBytes() {
        return partSizeBytes;
    }

    public void setPartSizeBytes(Long partSizeBytes) {
        this.partSizeBytes = partSizeBytes;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getUploadExpiresAt() {
        return uploadExpiresAt;
    }

    public void setUploadExpiresAt(Instant uploadExpiresAt) {
        this.uploadExpiresAt = uploadExpiresAt;
    }

    public Integer getDispatchAttempts() {
        return dispatchAttempts;
    }

    public void setDispatchAttempts(Integer dispatchAttempts) {
        this.dispatchAttempts = dispatchAttempts;
    }

    /**
     * The W3C trace context of the request the video was uploaded by, written when it is queued or made to wait: its
     * job, sent later by another video's end or by the sweeper, continues that trace.
     */
    public String getTraceparent() {
        return traceparent;
    }

    public void setTraceparent(String traceparent) {
        this.traceparent = traceparent;
    }

    /**
     * The owner's id while the video is {@linkplain VideoStatus#PENDING pending}, absent otherwise: the key of the
     * sparse index of a user's pending videos. Written by the table itself with every status ({@link PendingIndex}),
     * never by callers.
     */
    @DynamoDbSecondaryPartitionKey(indexNames = VideoStore.PENDING_BY_USER)
    public String getPendingUserId() {
        return pendingUserId;
    }

    public void setPendingUserId(String pendingUserId) {
        this.pendingUserId = pendingUserId;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getDispatchedAt() {
        return dispatchedAt;
    }

    public void setDispatchedAt(Instant dispatchedAt) {
        this.dispatchedAt = dispatchedAt;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getNotifyClaimedAt() {
        return notifyClaimedAt;
    }

    public void setNotifyClaimedAt(Instant notifyClaimedAt) {
        this.notifyClaimedAt = notifyClaimedAt;
    }

    /** When the notification of the video's outcome was sent; absent until then. */
    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getNotifiedAt() {
        return notifiedAt;
    }

    public void setNotifiedAt(Instant notifiedAt) {
        this.notifiedAt = notifiedAt;
    }

    /** Epoch seconds after which a finished-with item may be removed (the table's TTL attribute in AWS). */
    public Long getPurgeAt() {
        return purgeAt;
    }

    public void setPurgeAt(Long purgeAt) {
        this.purgeAt = purgeAt;
    }

    /** The extraction options chosen at upload. */
    public ExtractionOptions extractionOptions() {
        ImageFormat imageFormat = format == null ? ImageFormat.JPG : ImageFormat.valueOf(format.toUpperCase(Locale.ROOT));
        return new ExtractionOptions(fps == null ? ExtractionOptions.DEFAULT.fps() : fps, imageFormat, maxWidth);
    }

    /** Stores the extraction options on this item. */
    private void extractionOptions(ExtractionOptions options) {
        this.fps = options.fps();
        this.format = options.format().extension();
        this.maxWidth = options.maxWidth();
    }
}
