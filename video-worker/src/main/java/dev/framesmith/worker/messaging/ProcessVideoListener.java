package dev.framesmith.worker.messaging;

import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.messaging.QueueSender;
import dev.framesmith.support.messaging.TraceContext;
import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.job.Heartbeats;
import dev.framesmith.worker.job.JobOutcome;
import dev.framesmith.worker.job.JobRunner;
import dev.framesmith.worker.job.RunningJobs;
import dev.framesmith.worker.job.WorkerMetrics;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Receives processing jobs. Acknowledges a job once it ended with COMPLETED or FAILED; sends an
 * unreadable message to the dead-letter queue at once; leaves a job that hit a passing error
 * unacknowledged, visible again after a back-off that doubles with each receive (after
 * maxReceiveCount receives SQS moves it to the dead-letter queue); gives a job stopped by shutdown
 * back at once. While a job runs its message's visibility is extended on a heartbeat.
 */
@Component
class ProcessVideoListener {

    static final String CONTAINER_ID = "video-processing";

    private static final Logger log = LoggerFactory.getLogger(ProcessVideoListener.class);

    private final JobRunner runner;
    private final RunningJobs runningJobs;
    private final Heartbeats heartbeats;
    private final QueueSender sender;
    private final String queue;
    private final WorkerMetrics metrics;
    private final String bucket;
    private final RetryBackoff backoff;

    ProcessVideoListener(JobRunner runner, RunningJobs runningJobs, Heartbeats heartbeats, QueueSender sender,
            WorkerMetrics metrics, FramesmithAwsProperties aws, WorkerProperties properties) {
        this.runner = runner;
        this.runningJobs = runningJobs;
        this.heartbeats = heartbeats;
        this.sender = sender;
        this.queue = aws.queues().processing();
        this.metrics = metrics;
        this.bucket = aws.bucket();
        this.backoff = new RetryBackoff(properties.retryBackoff(), properties.maxRetryBackoff());
    }

    @SqsListener(value = ListenerQueues.PROCESSING, factory = ListenerConfiguration.FACTORY,
            id = CONTAINER_ID)
    void onMessage(Message<String> message, Visibility visibility, Acknowledgement acknowledgement) {
        long started = System.nanoTime();
        TraceContext.begin(header(message, Headers.TRACEPARENT));
        try {
            ProcessVideo job;
            try {
                job = JobMessages.read(message.getPayload(), bucket);
            } catch (MalformedMessageException e) {
                log.warn("Unreadable processing message {} moved to the dead-letter queue: {}",
                        header(message, SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER), e.getMessage());
                sender.deadLetter(queue, message.getPayload(), e.getMessage());
                acknowledgement.acknowledge();
                metrics.jobEnded(JobOutcome.MALFORMED, since(started));
                return;
            }
            try (LogContext context = LogContext.open().put("videoId", job.videoId()).put("userId", job.userId())
                    .put("eventId", job.eventId())) {
                Optional<Cancellation> handle = runningJobs.begin();
                if (handle.isEmpty()) {
                    log.info("Shutting down: giving the job back");
                    release(visibility);
                    metrics.jobEnded(JobOutcome.RELEASED, since(started));
                    return;
                }
                run(job, handle.get(), message, visibility, acknowledgement, started);
            }
        } finally {
            TraceContext.end();
        }
    }

    private void run(ProcessVideo job, Cancellation cancellation, Message<String> message,
            Visibility visibility, Acknowledgement acknowledgement, long started) {
        try {
            JobOutcome outcome;
            try (var heartbeat = heartbeats.start(visibility, job.videoId())) {
                log.info("Job received: fps={} format={} maxWidth={}", job.options().fps(), job.options().format(),
                        job.options().maxWidth());
                outcome = runner.run(job, cancellation);
            }
            acknowledgement.acknowledge();
            metrics.jobEnded(outcome, since(started));
        } catch (RuntimeException e) {
            if (cancellation.isCancelled()) {
                log.info("Job stopped by shutdown: giving it back for another worker");
                release(visibility);
                metrics.jobEnded(JobOutcome.RELEASED, since(started));
                return;
            }
            int receives = receiveCount(message);
            Duration delay = backoff.after(receives);
            log.warn("Job failed on receive {} ({}); it returns in {}s", receives, e.toString(), delay.toSeconds());
            changeVisibility(visibility, (int) delay.toSeconds());
            metrics.jobEnded(JobOutcome.RETRIED, since(started));
            throw e;
        } finally {
            runningJobs.end(cancellation);
        }
    }

    private static void release(Visibility visibility) {
        changeVisibility(visibility, 0);
    }

    private static void changeVisibility(Visibility visibility, int seconds) {
        try {
            visibility.changeTo(seconds);
        } catch (RuntimeException e) {
            log.warn("Could not change the job's visibility to {}s: {}", seconds, e.getMessage());
        }
    }

    private static int receiveCount(Message<?> message) {
        String count = header(message, SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value == null ? null : value.toString();
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
