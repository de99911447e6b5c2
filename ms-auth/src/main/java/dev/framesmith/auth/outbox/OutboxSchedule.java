package dev.framesmith.auth.outbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs the outbox publisher every {@code framesmith.auth.outbox.poll-interval} of {@link OutboxProperties}. */
@Component
class OutboxSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxSchedule.class);

    private final OutboxPublisher publisher;
    private final Duration interval;

    OutboxSchedule(OutboxPublisher publisher, OutboxProperties properties) {
        this.publisher = publisher;
        this.interval = properties.pollInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::publish, interval, interval));
    }

    void publish() {
        try {
            publisher.publish();
        } catch (RuntimeException e) {
            log.warn("Publishing the outbox failed; the next run retries", e);
        }
    }
}
