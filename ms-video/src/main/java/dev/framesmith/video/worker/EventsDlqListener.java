package dev.framesmith.video.worker;

import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import dev.framesmith.support.messaging.Unreadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Worker events that failed every receive on the events queue (ms-video or its table was down meanwhile) land in
 * its dead-letter queue. A COMPLETED or FAILED event is the only report of how the job ended: it is applied here,
 * retried until it is, so the video never stays PROCESSING with its archive written. A STARTED or PROGRESS event says
 * nothing a later one does not, and is dropped. An unreadable event stays for an operator to read.
 */
@Component
class EventsDlqListener {

    private static final Logger log = LoggerFactory.getLogger(EventsDlqListener.class);

    private final WorkerEvents events;

    EventsDlqListener(WorkerEvents events) {
        this.events = events;
    }

    @QueueListener(value = ListenerQueues.EVENTS_DLQ, unreadable = Unreadable.KEEP)
    void receive(VideoEvent event) {
        if (!event.type().terminal()) {
            log.info("Dead-lettered {} event of video {} dropped: a later event supersedes it", event.type(),
                    event.videoId());
            return;
        }
        log.warn("Dead-lettered {} event of video {} applied", event.type(), event.videoId());
        events.apply(event);
    }
}
