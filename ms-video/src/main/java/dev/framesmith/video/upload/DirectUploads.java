package dev.framesmith.video.upload;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.tracing.Traces;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.video.catalog.Timestamps;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.UploadMethod;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.dispatch.FairDispatcher;
import dev.framesmith.video.quota.UserQuotas;
import dev.framesmith.video.storage.VideoObjects;
import dev.framesmith.video.storage.VideoObjects.Head;
import dev.framesmith.video.storage.VideoObjects.Part;
import dev.framesmith.video.storage.VideoObjects.PresignedUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Uploads straight from the client to S3: the service hands out presigned URLs (one PUT, or one per part of a
 * multipart upload above {@code multipart-threshold}) and records the video as UPLOADING; on completion it
 * checks that the object is there, has the declared size and is a video, records its ETag and dispatches it. A
 * rejected object is removed together with its record. Uploads never completed expire (see the sweeper).
 * <p>
 * An upload still in progress may get fresh URLs ({@link #renew}), each time for another {@code upload-url-ttl},
 * until {@code upload-max-duration} after its start: a slow connection may take longer than one URL lives (in AWS
 * the URLs die with the session credentials that signed them, within an hour).
 * <p>
 * The URLs cannot swap the checked object: each signs its exact length, the PUT also {@code If-None-Match: *} (it
 * cannot overwrite an object), part URLs die with the multipart upload that completion ends, and the worker reads
 * only the recorded ETag. Nor can they write once their video is rejected or deleted: the PUT's object is then
 * {@linkplain VideoObjects#removeSource sealed} (an empty object it cannot overwrite, removed by the sweeper as an orphan
 * later) and a multipart upload aborted.
 */
@Component
class DirectUploads {

    private static final Logger log = LoggerFactory.getLogger(DirectUploads.class);
    private static final int MAX_PARTS = 10_000;
    private static final long MIB = 1024 * 1024;

    private final VideoObjects objects;
    private final VideoStore store;
    private final FairDispatcher dispatcher;
    private final VideoProperties properties;
    private final UserQuotas quotas;
    private final UploadMetrics metrics;
    private final Traces traces;
    private final Clock clock;

    DirectUploads(VideoObjects objects, VideoStore store, FairDispatcher dispatcher, VideoProperties properties,
            UserQuotas quotas, UploadMetrics metrics, Traces traces, Clock clock) {
        this.quotas = quotas;
        this.objects = objects;
        this.store = store;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.metrics = metrics;
        this.traces = traces;
        this.clock = clock;
    }

    /** Where and how to upload. {@code parts} and {@code partSize} for MULTIPART, {@code url} for PUT. */
    record Plan(String id, UploadMethod method, String url, Map<String, String> headers, String uploadId, Long partSize,
            List<PartUrl> parts, Instant expiresAt) {
    }

    record PartUrl(int partNumber, String url) {
    }

    Plan start(CurrentUser user, String originalName, long sizeBytes, ExtractionOptions options) {
        if (sizeBytes > properties.maxUploadSize().toBytes()) {
            throw UploadProblems.tooLarge(FileNames.display(originalName), properties.maxUploadSize());
        }
        quotas.checkDirectUploads(user.userId());
        quotas.checkWaiting(user.userId(), 1);
        String id = UUID.randomUUID().toString();
        String key = StorageKeys.source(user.userId(), id);
        String filename = FileNames.display(originalName);
        Duration ttl = properties.uploadUrlTtl();
        Instant expiresAt = Timestamps.now(clock).plus(ttl);
        Video video;
        if (sizeBytes <= properties.multipartThreshold().toBytes()) {
            video = Video.direct(id, user, filename, sizeBytes, options, UploadMethod.PUT, null, null, expiresAt,
                    traces.traceparent());
        } else {
            String uploadId = objects.startMultipart(key, "application/octet-stream", metadata(originalName));
            video = Video.direct(id, user, filename, sizeBytes, options, UploadMethod.MULTIPART, uploadId,
                    partSize(sizeBytes), expiresAt, traces.traceparent());
        }
        Plan plan = urls(video, originalName, ttl, Set.of());
        try {
            store.create(video);
            quotas.holdDirectUpload(user.userId(), id);
        } catch (RuntimeException e) {
            discard(video, key, e);
            throw e;
        }
        log.info("Direct upload of video {} ({} bytes, {}) started", id, sizeBytes, plan.method());
        return plan;
    }

    /** Removes a start that failed or was refused after its video was written, and its open multipart upload. */
    private void discard(Video video, String key, RuntimeException cause) {
        try {
            store.deleteIf(video.getId(), VideoStatus.UPLOADING);
            if (video.getUploadId() != null) {
                objects.abortMultipart(key, video.getUploadId());
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Fresh URLs for an UPLOADING video: the PUT again, or the parts storage has not received yet. Its deadline
     * moves with them, never past {@code upload-max-duration} after its start.
     */
    Plan renew(Video video) {
        if (video.getStatus() != VideoStatus.UPLOADING) {
            throw notUploading(video.getStatus());
        }
        Instant now = Timestamps.now(clock);
        Duration left = Duration.between(now, video.getCreatedAt().plus(properties.uploadMaxDuration()));
        Duration ttl = left.compareTo(properties.uploadUrlTtl()) < 0 ? left : properties.uploadUrlTtl();
        if (ttl.getSeconds() < 1) {
            throw UploadProblems.windowClosed(properties.uploadMaxDuration());
        }
        Set<Integer> received = Set.of();
        if (video.getUploadMethod() == UploadMethod.MULTIPART) {
            // No such upload: storage aborted it (in AWS a day after its start).
            received = objects.uploadedParts(StorageKeys.source(video.getUserId(), video.getId()), video.getUploadId())
                    .orElseThrow(UploadProblems::expired)
                    .stream().map(Part::partNumber).collect(Collectors.toSet());
        }
        Video renewed = store.apply(video, Transition.renewUpload(now.plus(ttl))).orElseThrow(() ->
                notUploading(store.find(video.getId()).map(Video::getStatus).orElse(VideoStatus.DELETED)));
        log.info("Direct upload of video {} renewed until {}", video.getId(), renewed.getUploadExpiresAt());
        return urls(renewed, renewed.getFilename(), ttl, received);
    }

    /** URLs for the whole PUT, or for each part not among {@code received}. */
    private Plan urls(Video video, String originalName, Duration ttl, Set<Integer> received) {
        String key = StorageKeys.source(video.getUserId(), video.getId());
        long size = video.getSizeBytes();
        if (video.getUploadMethod() == UploadMethod.PUT) {
            PresignedUrl put = objects.presignPut(key, metadata(originalName), size, ttl);
            return new Plan(video.getId(), UploadMethod.PUT, put.url(), put.headers(), null, null, null,
                    put.expiresAt());
        }
        // An upload recorded without its part size was started with the configured one.
        long partSize = video.getPartSizeBytes() != null ? video.getPartSizeBytes() : partSize(size);
        int count = (int) ((size + partSize - 1) / partSize);
        List<PartUrl> urls = new ArrayList<>(count);
        Instant expiresAt = video.getUploadExpiresAt();
        for (int part = 1; part <= count; part++) {
            if (!received.contains(part)) {
                long length = Math.min(partSize, size - (part - 1) * partSize);
                PresignedUrl url = objects.presignPart(key, video.getUploadId(), part, length, ttl);
                urls.add(new PartUrl(part, url.url()));
                expiresAt = url.expiresAt();
            }
        }
        return new Plan(video.getId(), UploadMethod.MULTIPART, null, null, video.getUploadId(), partSize, urls,
                expiresAt);
    }

    private static ProblemException notUploading(VideoStatus status) {
        return status == VideoStatus.EXPIRED ? UploadProblems.expired() : UploadProblems.alreadyUploaded();
    }

    private static Map<String, String> metadata(String originalName) {
        return Map.of("original-filename", FileNames.metadata(originalName));
    }

    /**
     * Completes the upload of an UPLOADING video and dispatches it; a video already past UPLOADING is returned
     * as it is (a repeated completion).
     *
     * @param parts the client's part list for a multipart upload; when absent the uploaded parts are listed
     */
    Video complete(Video video, List<Part> parts) {
        if (video.getStatus() == VideoStatus.EXPIRED) {
            throw UploadProblems.expired();
        }
        if (video.getStatus() != VideoStatus.UPLOADING) {
            return video;
        }
        String key = StorageKeys.source(video.getUserId(), video.getId());
        if (video.getUploadId() != null) {
            completeMultipart(key, video.getUploadId(), parts);
        }
        Head object = objects.head(key).orElseThrow(() -> UploadProblems.incomplete(
                "The file has not been uploaded yet: upload it to the URL given, then complete again."));
        if (object.size() != video.getSizeBytes()) {
            reject(video, key);
            throw UploadProblems.sizeMismatch(video.getSizeBytes(), object.size());
        }
        byte[] head = objects.firstBytes(key, ContentSniffer.SNIFF_BYTES);
        Optional<ContentSniffer.Container> container = ContentSniffer.detect(head, head.length);
        if (container.isEmpty()) {
            reject(video, key);
            throw UploadProblems.notAVideo(video.getFilename());
        }
        Optional<Video> uploaded = store.apply(video,
                Transition.finishUpload(container.get().mimeType(), object.etag()));
        if (uploaded.isEmpty()) {
            // Completed concurrently (or expired meanwhile): report what it is now.
            Video current = store.find(video.getId()).orElse(video);
            if (current.getStatus() == VideoStatus.EXPIRED) {
                throw UploadProblems.expired();
            }
            return current;
        }
        metrics.accepted(UploadMetrics.DIRECT, object.size());
        try {
            quotas.directUploadCompleted(video.getUserId(), video.getId());
        } catch (RuntimeException e) {
            log.warn("Giving back the open upload of video {} failed; the user's next start that needs it does",
                    video.getId(), e);
        }
        try {
            return dispatcher.dispatchUploaded(uploaded.get());
        } catch (RuntimeException e) {
            log.warn("Dispatch of video {} failed; the sweeper retries it", video.getId(), e);
            return uploaded.get();
        }
    }

    private void completeMultipart(String key, String uploadId, List<Part> parts) {
        List<Part> toComplete = parts;
        if (toComplete == null || toComplete.isEmpty()) {
            Optional<List<Part>> uploaded = objects.uploadedParts(key, uploadId);
            if (uploaded.isEmpty()) {
                return;
            }
            toComplete = uploaded.get();
            if (toComplete.isEmpty()) {
                throw UploadProblems.incomplete("No part has been uploaded yet.");
            }
        }
        try {
            objects.completeMultipart(key, uploadId, toComplete);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                // No such upload: completed before (a repeated completion) or aborted; the object decides.
                return;
            }
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                throw UploadProblems.incomplete("The uploaded parts cannot be assembled: "
                        + (e.awsErrorDetails() == null ? "invalid parts" : e.awsErrorDetails().errorCode())
                        + ". Upload every part, then complete again.");
            }
            throw e;
        }
    }

    private void reject(Video video, String key) {
        objects.removeSource(key, video.putUrlLiveAt(Timestamps.now(clock)));
        store.deleteIf(video.getId(), VideoStatus.UPLOADING);
        metrics.rejected();
    }

    /** The configured part size, raised (in whole MiB) when the file would need more than 10,000 parts. */
    private long partSize(long sizeBytes) {
        long configured = properties.directPartSize().toBytes();
        long needed = (sizeBytes + MAX_PARTS - 1) / MAX_PARTS;
        if (needed <= configured) {
            return configured;
        }
        return (needed + MIB - 1) / MIB * MIB;
    }
}
