package dev.framesmith.worker.job;

import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.extraction.VideoRejectedException;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The port to S3: streams a source video to a local file and uploads a finished ZIP so that it
 * appears under its key only when complete (one PUT, or a multipart upload completed at the end).
 */
@Component
public class VideoStorage {

    private static final Logger log = LoggerFactory.getLogger(VideoStorage.class);
    private static final int BUFFER = 1024 * 1024;
    private static final String ZIP = "application/zip";
    private static final int HTTP_PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final long multipartThreshold;
    private final long partSize;

    public VideoStorage(S3Client s3, WorkerProperties properties) {
        this.s3 = s3;
        this.multipartThreshold = properties.multipartThreshold().toBytes();
        this.partSize = properties.partSize().toBytes();
    }

    /**
     * Copies the object to {@code target} in chunks, stopping early when the job is cancelled. The work directory
     * must hold it and still keep {@code reserveBytes} free; otherwise another worker may have the room.
     *
     * @param etag the ETag ms-video checked (null for a job recorded before ETags were kept): any other object is
     *             refused as {@link FailureCode#SOURCE_CHANGED}
     */
    void download(String bucket, String key, String etag, Path target, long reserveBytes, Cancellation cancellation) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(bucket).key(key)
                .ifMatch(etag))) {
            long usable = Files.getFileStore(target.getParent()).getUsableSpace();
            Long size = in.response().contentLength();
            if (size != null && usable < size + reserveBytes) {
                in.abort();
                throw new IllegalStateException("the work directory has " + usable + " bytes free; the source takes "
                        + size);
            }
            copy(in, target, cancellation);
        } catch (NoSuchKeyException e) {
            throw new VideoRejectedException(FailureCode.SOURCE_MISSING);
        } catch (S3Exception e) {
            if (e.statusCode() == HTTP_PRECONDITION_FAILED) {
                throw new VideoRejectedException(FailureCode.SOURCE_CHANGED);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download the source video", e);
        }
    }

    private static void copy(ResponseInputStream<GetObjectResponse> in, Path target, Cancellation cancellation)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (cancellation.isCancelled()) {
                    in.abort();
                    throw new CancellationException("job cancelled while downloading the source");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** The ZIP under {@code key} and what it was made with, if there is one. */
    Optional<StoredFrames> findFrames(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.ofNullable(StoredFrames.from(head.metadata(), head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Stores the contact sheet (one PUT: it is a few tens of KB). */
    void uploadPreview(String bucket, String key, Path preview) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType("image/jpeg"),
                RequestBody.fromFile(preview));
    }

    /** Stores the ZIP, whole or in parts; a job cancelled meanwhile stops before the next part, leaving nothing. */
    void uploadFrames(String bucket, String key, Path zip, StoredFrames frames, Cancellation cancellation) {
        long size = frames.zipBytes();
        if (size < multipartThreshold) {
            cancellation.check();
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(ZIP).contentLength(size)
                    .metadata(frames.metadata()), RequestBody.fromFile(zip));
        } else {
            uploadInParts(bucket, key, zip, frames, cancellation);
        }
    }

    private void uploadInParts(String bucket, String key, Path zip, StoredFrames frames, Cancellation cancellation) {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(ZIP)
                .metadata(frames.metadata())).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long offset = 0;
            for (int number = 1; offset < frames.zipBytes(); number++) {
                cancellation.check();
                long length = Math.min(partSize, frames.zipBytes() - offset);
                int partNumber = number;
                long from = offset;
                // Each attempt (the SDK retries) reads the part afresh from the file: nothing is held in memory.
                ContentStreamProvider part = () -> slice(zip, from, length);
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length),
                        RequestBody.fromContentProvider(part, length, ZIP)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                offset += length;
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
            log.info("Uploaded the ZIP in {} parts", parts.size());
        } catch (RuntimeException e) {
            abort(bucket, key, uploadId);
            throw e;
        }
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new BoundedInputStream(in, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void abort(String bucket, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            log.warn("Could not abort the multipart upload {}: {}", uploadId, e.getMessage());
        }
    }

    /** Reads at most {@code limit} bytes of the underlying stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
