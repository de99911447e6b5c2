package dev.framesmith.worker.job;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.messaging.QueueSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The port to the events queue: what the worker tells ms-video about each job, with the job's
 * trace context (taken from the log context of the calling thread).
 */
@Component
public class VideoEvents {

    private static final Logger log = LoggerFactory.getLogger(VideoEvents.class);

    private final QueueSender sender;
    private final String queue;

    public VideoEvents(QueueSender sender, FramesmithAwsProperties aws) {
        this.sender = sender;
        this.queue = aws.queues().events();
    }

    /** Tells ms-video the job of a video still runs: a PROGRESS event that raises nothing. */
    public void signOfLife(ProcessVideo job) {
        publish(VideoEvent.progress(job.videoId(), job.userId(), 0));
    }

    void publish(VideoEvent event) {
        sender.send(queue, event);
        log.debug("Published {} for video {}", event.type(), event.videoId());
    }
}
