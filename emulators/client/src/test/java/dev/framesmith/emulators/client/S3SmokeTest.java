package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3SmokeTest {

    static final int PART_SIZE = 5 * 1024 * 1024;
    static final String ORIGIN = "http://localhost:5173";
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
    void anObjectIsListedOnlyOnceItsUploadHasCompleted() throws Exception {
        String prefix = "raw/being-written/";
        String key = prefix + "source";
        int size = 2 * 1024 * 1024;
        var presigned = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(key)));
        PipedOutputStream body = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(body, 64 * 1024);
        CompletableFuture<HttpResponse<String>> put = HTTP.sendAsync(HttpRequest.newBuilder(presigned.url().toURI())
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> source), size))
                .build(), HttpResponse.BodyHandlers.ofString());

        body.write(new byte[size / 2]);
        body.flush();
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents())
                    .as("half of the body has been sent").isEmpty();
            Thread.sleep(50);
        }
        body.write(new byte[size - size / 2]);
        body.close();

        assertThat(put.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        var listed = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix));
        assertThat(listed.contents()).singleElement().satisfies(object -> {
            assertThat(object.key()).isEqualTo(key);
            assertThat(object.size()).isEqualTo(size);
        });
        assertThat(listed.keyCount()).isEqualTo(1);
    }

    @Test
    void partsOfAMultipartUploadPutByPlainHttpToPresignedUrlsMakeTheObject() throws Exception {
        String key = "raw/presigned-parts/source";
        byte[] content = new byte[PART_SIZE + 1024];
        new Random(7).nextBytes(content);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int offset = 0, number = 1; offset < content.length; offset += PART_SIZE, number++) {
            int partNumber = number;
            var presigned = presigner.presignUploadPart(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .uploadPartRequest(part -> part.bucket(bucket).key(key).uploadId(uploadId)
                            .partNumber(partNumber)));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content, offset,
                            Math.min(PART_SIZE, content.length - offset)))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("part %d", partNumber).isEqualTo(200);
            parts.add(CompletedPart.builder().partNumber(partNumber)
                    .eTag(response.headers().firstValue("ETag").orElseThrow()).build());
        }
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));

        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(content);
    }

    @Test
    void aPartUrlOfACompletedOrAbortedUploadGetsNoSuchUploadAndWritesNothing() throws Exception {
        byte[] content = new byte[1024];
        new Random(11).nextBytes(content);
        String completedKey = "raw/ended-parts/completed";
        String completed = s3.createMultipartUpload(r -> r.bucket(bucket).key(completedKey)).uploadId();
        String etag = s3.uploadPart(r -> r.bucket(bucket).key(completedKey).uploadId(completed).partNumber(1),
                RequestBody.fromBytes(content)).eTag();
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(completedKey).uploadId(completed)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        String abortedKey = "raw/ended-parts/aborted";
        String aborted = s3.createMultipartUpload(r -> r.bucket(bucket).key(abortedKey)).uploadId();
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(abortedKey).uploadId(aborted));

        for (String[] upload : List.of(new String[] {completedKey, completed}, new String[] {abortedKey, aborted})) {
            var presigned = presigner.presignUploadPart(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .uploadPartRequest(part -> part.bucket(bucket).key(upload[0]).uploadId(upload[1]).partNumber(1)));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI())
                    .expectContinue(true).PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[PART_SIZE])).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(upload[0]).isEqualTo(404);
            assertThat(response.body()).as(upload[0]).contains("<Code>NoSuchUpload</Code>");
        }
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(completedKey)).asByteArray()).isEqualTo(content);
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("raw/ended-parts/")).contents())
                .extracting(object -> object.key()).containsExactly(completedKey);
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket).prefix("raw/ended-parts/")).uploads()).isEmpty();
    }

    @Test
    void corsLetsABrowserPageFromAnyOriginPutToAPresignedUrl() throws Exception {
        String key = "raw/cors/source";
        var presigned = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(key)));

        // A preflight carries no signature: neither to the presigned URL nor to the bare object URL.
        for (URI target : List.of(presigned.url().toURI(), URI.create(SharedKit.endpoints().s3() + "/" + bucket
                + "/" + key))) {
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(target)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type")
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(preflight.statusCode()).as("preflight to %s", target).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
                    origin -> assertThat(origin).isIn("*", ORIGIN));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                    methods -> assertThat(methods).contains("PUT"));
        }

        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI())
                .header("Origin", ORIGIN)
                .PUT(HttpRequest.BodyPublishers.ofString("from the page")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
                origin -> assertThat(origin).isIn("*", ORIGIN));
        assertThat(put.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).containsIgnoringCase("ETag"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()).isEqualTo("from the page");
    }
}
