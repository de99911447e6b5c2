package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.config.WorkerPropertiesFixture;
import dev.framesmith.worker.job.JobClaims.Claim;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Claims through the S3 stand-in, with answers that get lost on the way back as a cut connection loses them. */
class JobClaimsTest {

    private final LostAnswers lostAnswers = new LostAnswers();
    private final S3Client s3 = s3(lostAnswers);
    private final JobClaims claims = new JobClaims(s3, WorkerPropertiesFixture.with(Map.of()));

    @BeforeEach
    void bucket() {
        if (s3.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(WorkerBackend.BUCKET))) {
            s3.createBucket(request -> request.bucket(WorkerBackend.BUCKET));
        }
    }

    /**
     * The renewal's write reached S3 but its answer did not: the SDK sends it again, and S3 refuses the copy (the
     * ETag it names changed with the first one). The claim is still this job's, and the job goes on.
     */
    @Test
    void aRenewalWhoseWriteWentThroughButWhoseAnswerWasLostKeepsTheClaim() {
        Claim claim = claims.take(job()).orElseThrow();

        lostAnswers.loseNextPut();
        boolean renewed = claim.renew();

        assertThat(lostAnswers.lost()).as("an answer was lost").isEqualTo(1);
        assertThat(renewed).isTrue();
        assertThat(claim.lost()).isFalse();
        assertThat(claim.renew()).as("the next renewal, with the ETag read back").isTrue();
    }

    @Test
    void aClaimTakenOverByAnotherReceiveIsLost() {
        ProcessVideo job = job();
        Claim first = claims.take(job).orElseThrow();
        // The same message, delivered again to another worker, takes the claim over.
        Optional<Claim> second = claims.take(job);

        assertThat(second).isPresent();
        assertThat(first.renew()).isFalse();
        assertThat(first.lost()).isTrue();
        assertThat(second.get().renew()).isTrue();
    }

    @Test
    void aClaimRemovedByMsVideoIsLost() {
        ProcessVideo job = job();
        Claim claim = claims.take(job).orElseThrow();

        s3.deleteObject(request -> request.bucket(job.bucket()).key(StorageKeys.jobClaim(job.userId(),
                job.videoId())));

        assertThat(claim.renew()).isFalse();
        assertThat(claim.lost()).isTrue();
    }

    private static ProcessVideo job() {
        return ProcessVideo.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), WorkerBackend.BUCKET,
                ExtractionOptions.DEFAULT, "\"etag\"");
    }

    private static S3Client s3(ExecutionInterceptor interceptor) {
        Endpoints endpoints = TestBackend.endpoints();
        return S3Client.builder().endpointOverride(endpoints.s3()).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey())))
                .forcePathStyle(true)
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(interceptor))
                .build();
    }

    /** Turns the answer to the next successful PUT into S3's 500 {@code InternalError}: the write itself stands. */
    private static final class LostAnswers implements ExecutionInterceptor {

        private static final byte[] INTERNAL_ERROR = ("<Error><Code>InternalError</Code><Message>We encountered an "
                + "internal error. Please try again.</Message></Error>").getBytes(StandardCharsets.UTF_8);

        private final AtomicBoolean losing = new AtomicBoolean();
        private final AtomicInteger lost = new AtomicInteger();

        void loseNextPut() {
            losing.set(true);
        }

        int lost() {
            return lost.get();
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest && context.httpResponse().isSuccessful()
                    && losing.compareAndSet(true, false)) {
                lost.incrementAndGet();
                return context.httpResponse().toBuilder().statusCode(500).build();
            }
            return context.httpResponse();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest && context.httpResponse().statusCode() == 500) {
                return Optional.of(new ByteArrayInputStream(INTERNAL_ERROR));
            }
            return context.responseBody();
        }
    }
}
