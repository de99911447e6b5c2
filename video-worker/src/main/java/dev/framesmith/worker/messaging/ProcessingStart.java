package dev.framesmith.worker.messaging;

import dev.framesmith.worker.config.FfmpegHealthIndicator;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts receiving jobs once the application has started, and only when jobs can run as configured (FFmpeg there,
 * its memory limit applicable): otherwise the worker takes no job, stays unready, and says why, rather than failing
 * every job it receives or running hostile files without their memory bound.
 */
@Component
class ProcessingStart {

    private static final Logger log = LoggerFactory.getLogger(ProcessingStart.class);

    private final MessageListenerContainerRegistry containers;
    private final FfmpegHealthIndicator ffmpeg;

    ProcessingStart(MessageListenerContainerRegistry containers, FfmpegHealthIndicator ffmpeg) {
        this.containers = containers;
        this.ffmpeg = ffmpeg;
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        if (!ffmpeg.ready()) {
            log.error("Taking no job: FFmpeg cannot run as configured {}", ffmpeg.health(true).getDetails());
            return;
        }
        containers.getContainerById(ProcessVideoListener.CONTAINER_ID).start();
    }
}
