package dev.framesmith.video.dispatch;

import dev.framesmith.video.config.VideoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the sweeper every {@code framesmith.video.sweep.interval}, and its orphan removal every
 * {@code orphan-interval}, unless {@code framesmith.video.sweep.enabled} is false.
 */
@Component
class SweepSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final StuckVideoSweeper sweeper;
    private final VideoProperties.Sweep settings;

    SweepSchedule(StuckVideoSweeper sweeper, VideoProperties properties) {
        this.sweeper = sweeper;
        this.settings = properties.sweep();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, settings.interval(), settings.interval()));
            registrar.addFixedDelayTask(new FixedDelayTask(this::removeOrphans, settings.orphanInterval(),
                    settings.orphanInterval()));
        }
    }

    void removeOrphans() {
        try {
            sweeper.removeOrphans();
        } catch (RuntimeException e) {
            log.warn("Removing orphaned objects failed; the next run retries", e);
        }
    }

    void sweep() {
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            log.warn("Sweep failed; the next one retries", e);
        }
    }
}
