package dev.framesmith.video.worker;

import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.messaging.TraceContext;
import dev.framesmith.video.catalog.FailureReasons;
import dev.framesmith.video.catalog.VideoOutcomes;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import io.awspring.cloud.sqs.annotation.SqsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Jobs the worker could not finish after every retry land in the processing dead-letter queue: their videos
 * fail, free their slot and the user is told.
 */
@Component
class ProcessingDlqListener {

    private static final Logger log = LoggerFactory.getLogger(ProcessingDlqListener.class);

    private final VideoStore store;
    private final VideoOutcomes outcomes;

    ProcessingDlqListener(VideoStore store, VideoOutcomes outcomes) {
        this.store = store;
        this.outcomes = outcomes;
    }

    @SqsListener(ListenerQueues.PROCESSING_DLQ)
    void receive(Message<String> message) {
        TraceContext.begin(WorkerEventsListener.header(message, Headers.TRACEPARENT));
        try {
            ProcessVideo job;
            try {
                job = MessageCodec.decode(message.getPayload(), ProcessVideo.class);
            } catch (MalformedMessageException e) {
                // Already a dead-letter queue: keep nothing that cannot name a video.
                log.error("Unreadable message in the processing dead-letter queue dropped: {}", e.getMessage());
                return;
            }
            try (var context = LogContext.open().put("videoId", job.videoId()).put("userId", job.userId())
                    .put("eventId", job.eventId())) {
                fail(job);
            }
        } finally {
            TraceContext.end();
        }
    }

    private void fail(ProcessVideo job) {
        store.find(job.videoId())
                .filter(video -> video.getUserId().equals(job.userId()))
                .filter(video -> VideoStatus.ACTIVE.contains(video.getStatus()))
                .ifPresentOrElse(video -> {
                    log.warn("Job of video {} dead-lettered: the video fails", video.getId());
                    outcomes.failed(video, FailureReasons.PROCESSING_FAILED, null);
                }, () -> log.info("Dead-lettered job of video {} needs nothing: the video is finished",
                        job.videoId()));
    }
}
