package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 stand-in refuses what S3 refuses: anything not signed by the kit's credentials, as it was signed. */
class S3SignatureTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");
    static final String STORED = "raw/stored/source";

    static Endpoints endpoints;
    static S3Client s3;
    static S3Presigner presigner;
    static String bucket;

    @BeforeAll
    static void clients() {
        endpoints = SharedKit.endpoints();
        s3 = Clients.s3(endpoints);
        presigner = Clients.presigner(endpoints);
        bucket = "signed-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        s3.putObject(r -> r.bucket(bucket).key(STORED), RequestBody.fromString("stored"));
    }

    @AfterAll
    static void close() {
        s3.close();
        presigner.close();
    }

    @Test
    void aPresignedGetWithATamperedSignatureIsRefused() throws Exception {
        URI url = presignedGet(STORED);

        HttpResponse<String> response = send("GET", tamperSignature(url), null);

        assertRefused(response, "SignatureDoesNotMatch");
    }

    @Test
    void aPresignedPutWithATamperedSignatureIsRefusedAndWritesNothing() throws Exception {
        String key = "raw/tampered/source";
        URI url = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(key))).url().toURI();

        HttpResponse<String> response = send("PUT", tamperSignature(url), "forged");

        assertRefused(response, "SignatureDoesNotMatch");
        assertAbsent(key);
    }

    @Test
    void aPresignedGetUsedForAnotherKeyIsRefused() throws Exception {
        String other = "raw/other-owner/source";
        s3.putObject(r -> r.bucket(bucket).key(other), RequestBody.fromString("someone else's"));
        URI url = presignedGet(STORED);

        HttpResponse<String> response = send("GET", withPath(url, "/" + bucket + "/" + other), null);

        assertRefused(response, "SignatureDoesNotMatch");
    }

    @Test
    void aPresignedPutUsedForAnotherKeyIsRefusedAndWritesNothing() throws Exception {
        String signedFor = "raw/mine/source";
        String other = "raw/theirs/source";
        URI url = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(signedFor))).url().toURI();

        HttpResponse<String> response = send("PUT", withPath(url, "/" + bucket + "/" + other), "swapped");

        assertRefused(response, "SignatureDoesNotMatch");
        assertAbsent(other);
        assertAbsent(signedFor);
    }

    @Test
    void aPresignedGetUsedToPutIsRefusedAndWritesNothing() throws Exception {
        String key = "raw/read-only/source";
        URI url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toURI();

        HttpResponse<String> response = send("PUT", url, "written through a read link");

        assertRefused(response, "SignatureDoesNotMatch");
        assertAbsent(key);
    }

    @Test
    void aPresignedPutSentWithAnotherValueOfASignedHeaderIsRefused() throws Exception {
        String key = "raw/signed-metadata/source";
        var presigned = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(key).metadata(Map.of("original-filename", "a.mp4"))));
        assertThat(presigned.signedHeaders()).containsKey("x-amz-meta-original-filename");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(presigned.url().toURI())
                .header("x-amz-meta-original-filename", "b.mp4")
                .PUT(HttpRequest.BodyPublishers.ofString("video")).build(), HttpResponse.BodyHandlers.ofString());

        assertRefused(response, "SignatureDoesNotMatch");
        assertAbsent(key);
    }

    @Test
    void aPresignedPutThatSignedItsLengthRefusesABodyOfAnotherLength() throws Exception {
        String key = "raw/signed-length/source";
        var presigned = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentLength(5L)));
        assertThat(presigned.signedHeaders()).containsKey("content-length");

        HttpResponse<String> response = send("PUT", presigned.url().toURI(), "a much longer body than signed");

        assertRefused(response, "SignatureDoesNotMatch");
        assertAbsent(key);
    }

    @Test
    void anExpiredPresignedUrlIsRefusedWhileTheSameRequestSignedNowWorks() throws Exception {
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));

        HttpResponse<String> expired = send("GET", presignGetAt(STORED, sixMinutesAgo, Duration.ofMinutes(5)), null);
        HttpResponse<String> current = send("GET", presignGetAt(STORED, Instant.now(), Duration.ofMinutes(5)), null);

        assertRefused(expired, "AccessDenied");
        assertThat(expired.body()).contains("Request has expired");
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.body()).isEqualTo("stored");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /BUCKET/" + STORED,
            "HEAD, /BUCKET/" + STORED,
            "PUT, /BUCKET/raw/anonymous/source",
            "DELETE, /BUCKET/" + STORED,
            "GET, /BUCKET",
            "GET, /"
    })
    void anAnonymousRequestIsRefused(String method, String path) throws Exception {
        URI url = URI.create(endpoints.s3() + path.replace("BUCKET", bucket));

        HttpResponse<String> response = send(method, url, method.equals("PUT") ? "anonymous" : null);

        if (method.equals("HEAD")) {
            assertThat(response.statusCode()).as("a HEAD answer has no error document").isEqualTo(403);
        } else {
            assertRefused(response, "AccessDenied");
        }
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(STORED)).asUtf8String()).isEqualTo("stored");
        assertAbsent("raw/anonymous/source");
    }

    @Test
    void aClientWithAWrongSecretKeyIsRefused() {
        try (S3Client wrongSecret = s3WithCredentials(endpoints.accessKey(), "not-the-secret")) {
            assertThatThrownBy(() -> wrongSecret.getObjectAsBytes(r -> r.bucket(bucket).key(STORED)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }

    @Test
    void aClientWithAnUnknownAccessKeyIsRefused() {
        try (S3Client unknownKey = s3WithCredentials("someone-else", endpoints.secretKey())) {
            assertThatThrownBy(() -> unknownKey.getObjectAsBytes(r -> r.bucket(bucket).key(STORED)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
        }
    }

    private static URI presignedGet(String key) throws Exception {
        return presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toURI();
    }

    /**
     * A GET URL presigned as if the clock read {@code signedAt}, by the SDK's own SigV4 signer with the settings
     * the S3 presigner uses (which always signs at the current time).
     */
    private static URI presignGetAt(String key, Instant signedAt, Duration validFor) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(endpoints.s3() + "/" + bucket + "/" + key)).build();
        return AwsV4HttpSigner.create().sign(r -> r
                        .identity(AwsCredentialsIdentity.create(endpoints.accessKey(), endpoints.secretKey()))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, endpoints.region())
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validFor)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().getUri();
    }

    /** The same URL with the last hex digit of its signature changed. */
    private static URI tamperSignature(URI url) {
        Matcher signature = Pattern.compile("(X-Amz-Signature=[0-9a-f]*)([0-9a-f])").matcher(url.getRawQuery());
        assertThat(signature.find()).as("a signature in %s", url).isTrue();
        char last = signature.group(2).charAt(0);
        String tampered = signature.replaceFirst("$1" + (last == '0' ? '1' : '0'));
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + tampered);
    }

    private static URI withPath(URI url, String path) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "?" + url.getRawQuery());
    }

    private static HttpResponse<String> send(String method, URI url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, String errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        Matcher code = ERROR_CODE.matcher(response.body());
        assertThat(code.find()).as("an S3 error document: %s", response.body()).isTrue();
        assertThat(code.group(1)).isEqualTo(errorCode);
    }

    private static void assertAbsent(String key) {
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key(key)))
                .as("object %s", key).isInstanceOf(NoSuchKeyException.class);
    }

    private static S3Client s3WithCredentials(String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(endpoints.s3()).forcePathStyle(true)
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .build();
    }
}
