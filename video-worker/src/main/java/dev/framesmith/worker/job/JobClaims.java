package dev.framesmith.worker.job;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.worker.config.WorkerProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One job per video at a time, whatever SQS delivers: before it starts, a job claims its video with an S3 conditional
 * write of the claim object ({@link StorageKeys#jobClaim}), naming its message's event id and an expiry one visibility
 * timeout ahead. Creating it ({@code If-None-Match: *}) or taking it over ({@code If-Match} the ETag read) succeeds for
 * one writer only. It may be taken over by the same message delivered again (its previous receiver is gone, or it
 * would not have been redelivered) or when it expired (its holder stopped renewing it); any other message arriving
 * while it is live is a duplicate (a resend of the sweeper, a dispatch raced by two replicas) and is dropped.
 * The heartbeat renews it (conditional on its own last ETag); a renewal that finds it gone or written by another
 * claim means ms-video failed or deleted the video (it removes the claim) or another worker took it over: the job
 * stops. One that finds its own write there (the answer to a renewal that went through was lost) goes on.
 */
@Component
public class JobClaims {

    private static final Logger log = LoggerFactory.getLogger(JobClaims.class);
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final Duration lease;
    private final Clock clock;

    @Autowired
    public JobClaims(S3Client s3, WorkerProperties properties) {
        this(s3, properties, Clock.systemUTC());
    }

    JobClaims(S3Client s3, WorkerProperties properties, Clock clock) {
        this.s3 = s3;
        this.lease = properties.visibilityTimeout();
        this.clock = clock;
    }

    /** The claim on the job's video for this message, or empty when a live claim of another message holds it. */
    public Optional<Claim> take(ProcessVideo job) {
        String key = StorageKeys.jobClaim(job.userId(), job.videoId());
        Claim claim = new Claim(job.bucket(), key, job.eventId());
        if (claim.write(request -> request.ifNoneMatch("*"))) {
            return Optional.of(claim);
        }
        Optional<Holder> holder = read(job.bucket(), key);
        if (holder.isEmpty()) {
            // Removed since: ms-video revoked it, or its holder released it at the end and a late reader missed it.
            return claim.write(request -> request.ifNoneMatch("*")) ? Optional.of(claim) : Optional.empty();
        }
        Holder current = holder.get();
        boolean redelivered = job.eventId().equals(current.eventId());
        if (!redelivered && current.expiresAt().isAfter(clock.instant())) {
            log.info("Job of video {} is held by message {} until {}: this duplicate is dropped", job.videoId(),
                    current.eventId(), current.expiresAt());
            return Optional.empty();
        }
        if (claim.write(request -> request.ifMatch(current.etag()))) {
            log.info("Claim on video {} taken over ({})", job.videoId(),
                    redelivered ? "the same message delivered again" : "the holder's claim expired");
            return Optional.of(claim);
        }
        return Optional.empty();
    }

    private Optional<Holder> read(String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
            return Optional.of(Holder.parse(object.asString(StandardCharsets.UTF_8), object.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * What a claim object says: the message's event id, the expiry and the id of the claim that wrote it (one per
     * receive, so a claim knows its own writes); an unreadable one counts as expired.
     */
    record Holder(UUID eventId, Instant expiresAt, String writer, String etag) {

        static String format(UUID eventId, Instant expiresAt, String writer) {
            return eventId + " " + expiresAt.toEpochMilli() + " " + writer;
        }

        static Holder parse(String text, String etag) {
            String[] parts = text.trim().split(" ");
            try {
                return new Holder(UUID.fromString(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                        parts.length > 2 ? parts[2] : "", etag);
            } catch (RuntimeException e) {
                return new Holder(new UUID(0, 0), Instant.EPOCH, "", etag);
            }
        }
    }

    /** A claim held by this worker for one message. */
    public final class Claim {

        private final String bucket;
        private final String key;
        private final UUID eventId;
        private final String writer = UUID.randomUUID().toString();
        private String etag;
        private boolean lost;

        private Claim(String bucket, String key, UUID eventId) {
            this.bucket = bucket;
            this.key = key;
            this.eventId = eventId;
        }

        /**
         * Pushes the expiry one lease ahead. False once the claim is gone or replaced: the job must stop. An S3 error
         * leaves the claim as it was (it is tried again on the next beat).
         */
        public synchronized boolean renew() {
            if (lost) {
                return false;
            }
            try {
                lost = !write(request -> request.ifMatch(etag)) && !ownWrite();
            } catch (S3Exception e) {
                if (e.statusCode() != NOT_FOUND) {
                    throw e;
                }
                lost = true;
            }
            return !lost;
        }

        /**
         * Whether the claim object is still one this claim wrote: a write that went through while its answer was
         * lost (the SDK's retry of it, or the next renewal, then finds the ETag changed). The claim goes on with the
         * object's ETag.
         */
        private boolean ownWrite() {
            Optional<Holder> holder = read(bucket, key);
            if (holder.isPresent() && writer.equals(holder.get().writer())) {
                etag = holder.get().etag();
                log.info("Claim {} renewed: the answer to its write was lost", key);
                return true;
            }
            return false;
        }

        /** Whether a renewal found the claim gone or replaced. */
        public synchronized boolean lost() {
            return lost;
        }

        /** Lets the next message take the claim at once (it expires now); a failure only delays that. */
        public synchronized void release() {
            if (lost) {
                return;
            }
            try {
                write(request -> request.ifMatch(etag), clock.instant());
            } catch (RuntimeException e) {
                log.debug("Claim {} not released ({}); it expires by itself", key, e.getMessage());
            }
            lost = true;
        }

        private boolean write(UnaryOperator<PutObjectRequest.Builder> condition) {
            return write(condition, clock.instant().plus(lease));
        }

        /** One conditional PUT of the claim; false when its condition did not hold. */
        private boolean write(UnaryOperator<PutObjectRequest.Builder> condition, Instant expiresAt) {
            byte[] body = Holder.format(eventId, expiresAt, writer).getBytes(StandardCharsets.UTF_8);
            try {
                etag = s3.putObject(request -> condition.apply(request.bucket(bucket).key(key)
                        .contentType("text/plain").contentLength((long) body.length)), RequestBody.fromBytes(body))
                        .eTag();
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) {
                    return false;
                }
                throw e;
            }
        }
    }
}
