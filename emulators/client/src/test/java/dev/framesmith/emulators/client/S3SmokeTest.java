package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3SmokeTest {

    static final int PART_SIZE = 5 * 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static S3Client s3;
    static S3Presigner presigner;
    static String bucket;

    @BeforeAll
    static void clients() {
        s3 = Clients.s3(SharedKit.endpoints());
        presigner = Clients.presigner(SharedKit.endpoints());
        bucket = "smoke-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
        presigner.close();
    }

    @Test
    void multipartUploadOf20MegabytesReadsBackByteForByteThroughAPresignedGet() throws Exception {
        byte[] content = new byte[20 * 1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        String key = "raw/multipart/source";

        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("video/mp4")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int offset = 0, number = 1; offset < content.length; offset += PART_SIZE, number++) {
            byte[] part = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + PART_SIZE));
            int partNumber = number;
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));

        assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).contentLength()).isEqualTo(content.length);
        var presigned = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        assertThat(presigned.url().getQuery()).contains("X-Amz-Signature=");
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    void aPresignedPutByPlainHttpStoresTheObject() throws Exception {
        String key = "raw/presigned/source";
        byte[] content = "frames from a browser".getBytes(StandardCharsets.UTF_8);
        var presigned = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentType("video/mp4")));

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI())
                .header("Content-Type", "video/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        var stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        assertThat(stored.asByteArray()).isEqualTo(content);
        assertThat(stored.response().contentType()).isEqualTo("video/mp4");
    }

    @Test
    void corsLetsABrowserPageFromAnyOriginPutToAPresignedUrl() throws Exception {
        var presigned = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key("raw/cors/source")));

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
                origin -> assertThat(origin).isIn("*", "http://localhost:5173"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("PUT"));
    }
}
