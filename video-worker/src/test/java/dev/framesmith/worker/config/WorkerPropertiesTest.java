package dev.framesmith.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.worker.extraction.ExtractionSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.util.unit.DataSize;

class WorkerPropertiesTest {

    @Test
    void hasWorkableDefaults() {
        WorkerProperties properties = WorkerPropertiesFixture.with(Map.of());

        assertThat(properties.ffmpegPath()).isNull();
        assertThat(properties.concurrency()).isEqualTo(2);
        assertThat(properties.visibilityTimeoutSeconds()).isEqualTo(60);
        assertThat(properties.progressInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.keepAlive()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.partSize()).isEqualTo(DataSize.ofMegabytes(16));
        assertThat(properties.jobTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(properties.decoder().enabled()).isTrue();
        assertThat(properties.limits().memory()).isEqualTo(DataSize.ofGigabytes(1));
        ExtractionSettings extraction = WorkerPropertiesFixture.extractionSettings(Map.of());
        assertThat(extraction.width().effective(null)).isEqualTo(1920);
        assertThat(extraction.width().effective(3840)).isEqualTo(3840);
        assertThat(extraction.budget().maxFramePixels()).isEqualTo(4096 * 2304);
        assertThat(extraction.maxFrames()).isEqualTo(20000);
        assertThat(extraction.maxDuration()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void rejectsSettingsSqsOrS3CannotHonour() {
        assertThatThrownBy(() -> WorkerPropertiesFixture.with(Map.of("visibility-timeout", "13h")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("visibility-timeout");
        assertThatThrownBy(() -> WorkerPropertiesFixture.with(Map.of("poll-timeout", "30s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("poll-timeout");
        assertThatThrownBy(() -> WorkerPropertiesFixture.with(Map.of("part-size", "1MB")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("part-size");
        assertThatThrownBy(() -> WorkerPropertiesFixture.with(Map.of("job-timeout", "0s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("job-timeout");
    }
}
