package dev.framesmith.support.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class ProcessingLimitsTest {

    @Test
    void defaultsAreTwoHoursTwentyThousandFramesFullHdWidthAndFourGigabytes() {
        assertThat(bind(Map.of())).isEqualTo(new ProcessingLimits(Duration.ofHours(2), 20000, 1920, 7680,
                DataSize.ofGigabytes(4)));
    }

    @Test
    void eachLimitIsReadFromFramesmithProcessing() {
        assertThat(bind(Map.of("max-duration", "30m", "max-frames", "500", "default-width", "640",
                "max-width", "1280", "max-output-size", "1GB")))
                .isEqualTo(new ProcessingLimits(Duration.ofMinutes(30), 500, 640, 1280, DataSize.ofGigabytes(1)));
    }

    @Test
    void refusesLimitsNoVideoCouldMeet() {
        assertThatThrownBy(() -> bind(Map.of("max-duration", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("max-duration");
        assertThatThrownBy(() -> bind(Map.of("max-output-size", "0B")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("max-output-size");
        assertThatThrownBy(() -> bind(Map.of("default-width", "3840", "max-width", "1920")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("default-width");
    }

    private static ProcessingLimits bind(Map<String, String> values) {
        Map<String, String> properties = new HashMap<>();
        values.forEach((name, value) -> properties.put("framesmith.processing." + name, value));
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("framesmith.processing", ProcessingLimits.class);
    }
}
