package dev.framesmith.video.storage;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The bucket holding the raw videos and the frame archives. Keys come from
 * {@link dev.framesmith.contracts.StorageKeys} only; user text goes into metadata values, URL-encoded.
 */
public class VideoObjects {

    /** Signed headers every HTTP client sends by itself (and browsers refuse to set). */
    private static final Set<String> CLIENT_SET_HEADERS = Set.of("host", "content-length");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public VideoObjects(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** Stores an object and answers its ETag. */
    public String put(String key, String contentType, Map<String, String> metadata, byte[] bytes, int length) {
        return s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType).metadata(metadata)
                        .contentLength((long) length),
                RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length)).eTag();
    }

    public String startMultipart(String key, String contentType, Map<String, String> metadata) {
        return s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(contentType)
                .metadata(metadata)).uploadId();
    }

    public Part uploadPart(String key, String uploadId, int partNumber, byte[] bytes, int length) {
        String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength((long) length),
                RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length)).eTag();
        return new Part(partNumber, etag);
    }

    /** Assembles the parts into the object and answers its ETag. */
    public String completeMultipart(String key, String uploadId, List<Part> parts) {
        List<CompletedPart> completed = parts.stream()
                .sorted(Comparator.comparingInt(Part::partNumber))
                .map(part -> CompletedPart.builder().partNumber(part.partNumber()).eTag(part.etag()).build())
                .toList();
        return s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(completed))).eTag();
    }

    /** The parts uploaded so far, or empty when the upload is unknown (completed or aborted). */
    public Optional<List<Part>> uploadedParts(String key, String uploadId) {
        try {
            return Optional.of(s3.listPartsPaginator(request -> request.bucket(bucket).key(key).uploadId(uploadId))
                    .parts().stream()
                    .map(part -> new Part(part.partNumber(), part.eTag()))
                    .toList());
        } catch (NoSuchUploadException e) {
            return Optional.empty();
        }
    }

    /** Aborts a multipart upload; an unknown one (already completed or aborted) is fine. */
    public void abortMultipart(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (NoSuchUploadException e) {
            // Nothing left to abort.
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    /** The object's size and ETag, or empty when there is no such object. */
    public Optional<Head> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new Head(head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's first bytes (at most {@code length}). */
    public byte[] firstBytes(String key, int length) {
        return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).range("bytes=0-" + (length - 1)))
                .asByteArray();
    }

    /** Deletes an object; a missing one is fine. */
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    /**
     * Removes a source object. While a URL from {@link #presignPut} may still write it ({@code putUrlLive}), an empty
     * object takes its place instead: the URL signs {@code If-None-Match: *}, so it can no longer write there, and the
     * orphan removal deletes the empty object once it is older than any such URL lives.
     */
    public void removeSource(String key, boolean putUrlLive) {
        if (putUrlLive) {
            s3.putObject(request -> request.bucket(bucket).key(key).contentLength(0L), RequestBody.empty());
        } else {
            delete(key);
        }
    }

    /**
     * A URL to PUT the whole object once, with the headers the client must send along. Its length and
     * {@code If-None-Match: *} are signed: it writes exactly {@code length} bytes, and only while no object is there,
     * so it cannot replace an object once uploaded.
     */
    public PresignedUrl presignPut(String key, Map<String, String> metadata, long length, Duration ttl) {
        return of(presigner.presignPutObject(request -> request.signatureDuration(ttl)
                .putObjectRequest(put -> put.bucket(bucket).key(key).metadata(metadata).contentLength(length)
                        .ifNoneMatch("*"))));
    }

    /** A URL to upload one part of exactly {@code length} bytes (signed). */
    public PresignedUrl presignPart(String key, String uploadId, int partNumber, long length, Duration ttl) {
        return of(presigner.presignUploadPart(request -> request.signatureDuration(ttl)
                .uploadPartRequest(part -> part.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(length))));
    }

    /** The keys under {@code prefix} last written before {@code before}. */
    public Stream<String> keysWrittenBefore(String prefix, Instant before) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(object -> object.lastModified().isBefore(before))
                .map(S3Object::key);
    }

    /** The multipart uploads under {@code prefix} started before {@code before} and neither completed nor aborted. */
    public Stream<OpenUpload> uploadsStartedBefore(String prefix, Instant before) {
        return s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix)).uploads().stream()
                .filter(upload -> upload.initiated().isBefore(before))
                .map(upload -> new OpenUpload(upload.key(), upload.uploadId()));
    }

    /** A URL to download an object, saved under {@code downloadName} by browsers. */
    public PresignedUrl presignGet(String key, String contentDisposition, Duration ttl) {
        return of(presigner.presignGetObject(request -> request.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentDisposition(contentDisposition))));
    }

    /** Scheme, host and port of the bucket's presigned URLs: where a browser sends uploads and reads pictures. */
    public String presignedOrigin() {
        URL url = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(get -> get.bucket(bucket).key("frames/origin"))).url();
        return url.getProtocol() + "://" + url.getAuthority();
    }

    private static PresignedUrl of(PresignedRequest presigned) {
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!CLIENT_SET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, String.join(",", values));
            }
        });
        return new PresignedUrl(presigned.url().toString(), presigned.expiration(), Map.copyOf(headers));
    }

    public record Part(int partNumber, String etag) {
    }

    public record Head(long size, String etag) {
    }

    public record OpenUpload(String key, String uploadId) {
    }

    /**
     * @param headers headers the request must carry because they are signed (besides {@code Host} and
     *                {@code Content-Length}, which the client's HTTP stack sets: the body must have the signed length)
     */
    public record PresignedUrl(String url, Instant expiresAt, Map<String, String> headers) {
    }
}
