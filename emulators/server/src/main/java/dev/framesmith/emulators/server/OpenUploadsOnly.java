package dev.framesmith.emulators.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Takes a part only for a multipart upload still open, as S3 does: a part sent for an upload that was completed or
 * aborted, or never started, gets 404 {@code NoSuchUpload}. S3Proxy's file stores would store it, so a part URL
 * would go on writing after its upload ended.
 */
final class OpenUploadsOnly extends ForwardingBlobStore {

    OpenUploadsOnly(BlobStore store) {
        super(store);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream content) {
        boolean open = listMultipartUploads(upload.containerName()).stream()
                .anyMatch(listed -> upload.id().equals(listed.uploadId()) && upload.blobName().equals(listed.key()));
        if (!open) {
            // the part is read (and dropped) first: a client sending a large part reads the answer, not a reset
            try {
                content.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw noSuchUpload(upload.id());
        }
        return super.uploadMultipartPart(upload, request, content);
    }

    private static NoSuchUploadException noSuchUpload(String uploadId) {
        String message = "The specified upload does not exist. The upload ID may be invalid, or the upload may have"
                + " been aborted or completed.";
        return (NoSuchUploadException) NoSuchUploadException.builder()
                .message(message + " (" + uploadId + ")")
                .statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("NoSuchUpload")
                        .errorMessage(message)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(404).build())
                        .build())
                .build();
    }
}
