package dev.framesmith.video.upload;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.support.security.CurrentUser;
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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * The URLs cannot swap the checked object: each signs its exact length, the PUT also {@code If-None-Match: *} (it
 * cannot overwrite an object), part URLs die with the multipart upload that completion ends, and the worker reads
 * only the recorded ETag. What a URL writes after its video was rejected or deleted is an orphan the sweeper
 * removes.
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
    private final MeterRegistry meters;
    private final Clock clock;

    DirectUploads(VideoObjects objects, VideoStore store, FairDispatcher dispatcher, VideoProperties properties,
            UserQuotas quotas, MeterRegistry meters, Clock clock) {
        this.quotas = quotas;
        this.objects = objects;
        this.store = store;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.meters = meters;
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
        Map<String, String> metadata = Map.of("original-filename", FileNames.metadata(originalName));
        Instant expiresAt = Timestamps.now(clock).plus(properties.uploadUrlTtl());
        Plan plan;
        if (sizeBytes <= properties.multipartThreshold().toBytes()) {
            PresignedUrl put = objects.presignPut(key, metadata, sizeBytes, properties.uploadUrlTtl());
            plan = new Plan(id, UploadMethod.PUT, put.url(), put.headers(), null, null, null, put.expiresAt());
        } else {
            long partSize = partSize(sizeBytes);
            String uploadId = objects.startMultipart(key, "application/octet-stream", metadata);
            int count = (int) ((sizeBytes + partSize - 1) / partSize);
            List<PartUrl> urls = new ArrayList<>(count);
            Instant urlExpiry = expiresAt;
            for (int part = 1; part <= count; part++) {
                long length = Math.min(partSize, sizeBytes - (part - 1) * partSize);
                PresignedUrl url = objects.presignPart(key, uploadId, part, length, properties.uploadUrlTtl());
                urls.add(new PartUrl(part, url.url()));
                urlExpiry = url.expiresAt();
            }
            plan = new Plan(id, UploadMethod.MULTIPART, null, null, uploadId, partSize, urls, urlExpiry);
        }
        try {
            store.create(Video.direct(id, user, FileNames.display(originalName), sizeBytes, options, plan.method(),
                    plan.uploadId(), expiresAt));
        } catch (RuntimeException e) {
            if (plan.uploadId() != null) {
                objects.abortMultipart(key, plan.uploadId());
            }
            throw e;
        }
        log.info("Direct upload of video {} ({} bytes, {}) started", id, sizeBytes, plan.method());
        return plan;
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
        meters.counter("framesmith.video.uploads", "method", "direct").increment();
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
        objects.delete(key);
        store.deleteIf(video.getId(), VideoStatus.UPLOADING);
        meters.counter("framesmith.video.uploads.rejected").increment();
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
