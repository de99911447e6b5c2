package dev.framesmith.worker.messaging;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.Delivery;
import dev.framesmith.support.messaging.QueueListener;
import dev.framesmith.support.messaging.RetryLaterException;
import dev.framesmith.support.messaging.UnreadableMessage;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.job.Heartbeats;
import dev.framesmith.worker.job.JobClaims;
import dev.framesmith.worker.job.JobClaims.Claim;
import dev.framesmith.worker.job.JobOutcome;
import dev.framesmith.worker.job.JobRunner;
import dev.framesmith.worker.job.RunningJobs;
import dev.framesmith.worker.job.VideoEvents;
import dev.framesmith.worker.job.WorkerMetrics;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Receives processing jobs. A job first claims its video ({@link JobClaims}): a duplicate of a job another message is
 * running is acknowledged without work, and a job whose claim is lost while it runs (ms-video failed or deleted the
 * video) is stopped and acknowledged. A job that ended with COMPLETED or FAILED is acknowledged; an unreadable
 * message, or one pointing outside the configured bucket and the keys of its ids, goes to the dead-letter queue at
 * once; a job that hit a passing error comes back after a back-off that doubles with each receive (after
 * maxReceiveCount receives SQS moves it to the dead-letter queue); a job stopped by shutdown is given back at once.
 * While a job runs its message's visibility is extended (and its claim renewed) on a heartbeat, which also tells
 * ms-video now and then that the job is alive.
 */
@Component
class ProcessVideoListener {

    static final String CONTAINER_ID = "video-processing";

    private static final Logger log = LoggerFactory.getLogger(ProcessVideoListener.class);

    private final JobRunner runner;
    private final JobClaims claims;
    private final RunningJobs runningJobs;
    private final Heartbeats heartbeats;
    private final VideoEvents events;
    private final WorkerMetrics metrics;
    private final String bucket;

    ProcessVideoListener(JobRunner runner, JobClaims claims, RunningJobs runningJobs, Heartbeats heartbeats,
            VideoEvents events, WorkerMetrics metrics, FramesmithAwsProperties aws) {
        this.runner = runner;
        this.claims = claims;
        this.runningJobs = runningJobs;
        this.heartbeats = heartbeats;
        this.events = events;
        this.metrics = metrics;
        this.bucket = aws.bucket();
    }

    @QueueListener(value = ListenerQueues.PROCESSING, factory = ListenerConfiguration.FACTORY, id = CONTAINER_ID,
            retryBackoff = ListenerConfiguration.RETRY_BACKOFF)
    void onMessage(ProcessVideo job, Visibility visibility, Delivery delivery) {
        long started = System.nanoTime();
        JobMessages.check(job, bucket);
        Optional<Cancellation> handle = runningJobs.begin();
        if (handle.isEmpty()) {
            metrics.jobEnded(JobOutcome.RELEASED, since(started));
            throw RetryLaterException.immediately("Shutting down: giving the job back");
        }
        Cancellation cancellation = handle.get();
        try {
            Optional<Claim> claim = claims.take(job);
            if (claim.isEmpty()) {
                metrics.jobEnded(JobOutcome.DUPLICATE, since(started));
                return;
            }
            run(job, visibility, delivery, claim.get(), cancellation, started);
        } finally {
            runningJobs.end(cancellation);
        }
    }

    private void run(ProcessVideo job, Visibility visibility, Delivery delivery, Claim claim,
            Cancellation cancellation, long started) {
        try {
            JobOutcome outcome;
            try (var heartbeat = heartbeats.start(visibility, job.videoId(), () -> renew(claim, cancellation),
                    () -> events.signOfLife(job))) {
                log.info("Job received: fps={} format={} maxWidth={}", job.options().fps(), job.options().format(),
                        job.options().maxWidth());
                outcome = runner.run(job, delivery.firstReceived(), cancellation);
            }
            metrics.jobEnded(outcome, since(started));
        } catch (RuntimeException | Error e) {
            if (claim.lost()) {
                log.info("Job stopped: its claim was revoked or taken over ({})", e.toString());
                metrics.jobEnded(JobOutcome.STOPPED, since(started));
                return;
            }
            if (cancellation.isCancelled()) {
                metrics.jobEnded(JobOutcome.RELEASED, since(started));
                throw RetryLaterException.immediately("Job stopped by shutdown: giving it back for another worker");
            }
            metrics.jobEnded(JobOutcome.RETRIED, since(started));
            throw e;
        } finally {
            claim.release();
        }
    }

    private static void renew(Claim claim, Cancellation cancellation) {
        if (!claim.renew()) {
            log.warn("The job's claim is gone (the video was failed or deleted, or another worker took it over): "
                    + "stopping the job");
            cancellation.cancel();
        }
    }

    @EventListener
    void unreadable(UnreadableMessage message) {
        metrics.jobEnded(JobOutcome.MALFORMED, Duration.ZERO);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
