package dev.framesmith.video.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the sweeper every {@code framesmith.video.sweep.interval} unless {@code framesmith.video.sweep.enabled} is false. */
@Component
@ConditionalOnBooleanProperty(name = "framesmith.video.sweep.enabled", matchIfMissing = true)
class SweepSchedule {

    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final StuckVideoSweeper sweeper;

    SweepSchedule(StuckVideoSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Scheduled(initialDelayString = "${framesmith.video.sweep.interval:1m}",
            fixedDelayString = "${framesmith.video.sweep.interval:1m}")
    void sweep() {
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            log.warn("Sweep failed; the next one retries", e);
        }
    }
}
