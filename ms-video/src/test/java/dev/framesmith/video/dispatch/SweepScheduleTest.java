package dev.framesmith.video.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.video.config.VideoProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The sweep runs on the interval of {@link VideoProperties}, whose defaults are the only ones. */
class SweepScheduleTest {

    @Test
    void theSweepRunsEveryIntervalByDefault() {
        ScheduledTaskRegistrar registrar = configured(Map.of());

        assertThat(registrar.getFixedDelayTaskList()).hasSize(2);
        assertThat(registrar.getFixedDelayTaskList().get(0)).satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(1));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(registrar.getFixedDelayTaskList().get(1)).as("the orphan removal").satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void theIntervalComesFromTheProperties() {
        ScheduledTaskRegistrar registrar = configured(Map.of("framesmith.video.sweep.interval", "30s",
                "framesmith.video.sweep.orphan-interval", "10m"));

        assertThat(registrar.getFixedDelayTaskList()).extracting(task -> task.getIntervalDuration())
                .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    @Test
    void aDisabledSweepIsNotScheduled() {
        assertThat(configured(Map.of("framesmith.video.sweep.enabled", "false")).getFixedDelayTaskList()).isEmpty();
    }

    private static ScheduledTaskRegistrar configured(Map<String, String> values) {
        VideoProperties properties = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("framesmith.video", VideoProperties.class);
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        new SweepSchedule(null, properties).configureTasks(registrar);
        return registrar;
    }
}
