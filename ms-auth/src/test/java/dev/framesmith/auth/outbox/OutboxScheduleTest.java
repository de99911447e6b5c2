package dev.framesmith.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The publisher runs on the poll interval of {@link OutboxProperties}, whose default is the only one. */
class OutboxScheduleTest {

    @Test
    void thePublisherRunsEverySecondByDefault() {
        assertThat(configured(Map.of()).getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(1));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void theIntervalComesFromTheProperties() {
        assertThat(configured(Map.of("framesmith.auth.outbox.poll-interval", "100ms")).getFixedDelayTaskList())
                .extracting(task -> task.getIntervalDuration())
                .containsExactly(Duration.ofMillis(100));
    }

    private static ScheduledTaskRegistrar configured(Map<String, String> values) {
        OutboxProperties properties = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("framesmith.auth.outbox", OutboxProperties.class);
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        new OutboxSchedule(null, properties).configureTasks(registrar);
        return registrar;
    }
}
