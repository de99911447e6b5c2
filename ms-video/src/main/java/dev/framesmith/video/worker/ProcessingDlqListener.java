package dev.framesmith.video.worker;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import dev.framesmith.support.messaging.Unreadable;
import dev.framesmith.video.catalog.FailureReasons;
import dev.framesmith.video.catalog.VideoOutcomes;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /**
     * Already a dead-letter queue: a message that cannot be read stays there for an operator, as in the other
     * dead-letter queues (logged, hidden for the longest visibility between two log lines). A video already failed
     * (a first delivery of this message failed it, then stopped halfway) gets what follows its end again, so its owner
     * is told even when the first delivery failed after the terminal write.
     */
    @QueueListener(value = ListenerQueues.PROCESSING_DLQ, unreadable = Unreadable.KEEP)
    void receive(ProcessVideo job) {
        store.find(job.videoId())
                .filter(video -> video.getUserId().equals(job.userId()))
                .ifPresentOrElse(video -> {
                    if (VideoStatus.ACTIVE.contains(video.getStatus())) {
                        log.warn("Job of video {} dead-lettered: the video fails", video.getId());
                        outcomes.failed(video, FailureReasons.PROCESSING_FAILED, null, null);
                    } else {
                        log.info("Dead-lettered job of video {} ({}): completing what follows its end",
                                video.getId(), video.getStatus());
                        outcomes.finishAgain(video);
                    }
                }, () -> log.info("Dead-lettered job of unknown video {} dropped", job.videoId()));
    }
}
