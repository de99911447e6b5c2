package dev.framesmith.video.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class VideoPropertiesTest {

    @Test
    void defaults() {
        VideoProperties properties = bind(Map.of());
        assertThat(properties.maxInFlightPerUser()).isEqualTo(5);
        assertThat(properties.maxUploadSize()).isEqualTo(DataSize.ofGigabytes(2));
        assertThat(properties.multipartThreshold()).isEqualTo(DataSize.ofMegabytes(100));
        assertThat(properties.downloadUrlTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.uploadUrlTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.sweep().dispatchRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.sweep().redispatchAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.sweep().staleAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.live().pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.live().idlePollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void liveUpdatesPollAnIdleUserNoMoreOftenThanOneWithVideosInFlight() {
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.live.poll-interval", "5s",
                "framesmith.video.live.idle-poll-interval", "4s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("idle-poll-interval at least as long");
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.live.poll-interval", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("poll-interval must be positive");
        assertThat(bind(Map.of("framesmith.video.live.idle-poll-interval", "2s")).live().idlePollInterval())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void partsBelowS3sMinimumAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.part-size", "4MB")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("at least 5MB");
    }

    @Test
    void presignedUploadAndDownloadLinksCannotOutliveFifteenMinutes() {
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.upload-url-ttl", "16m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("upload-url-ttl must be between 1s and 15 minutes");
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.upload-url-ttl", "1h")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("15 minutes");
        assertThat(bind(Map.of("framesmith.video.upload-url-ttl", "15m")).uploadUrlTtl())
                .isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.download-url-ttl", "16m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("15 minutes");
        assertThat(bind(Map.of("framesmith.video.download-url-ttl", "15m")).downloadUrlTtl())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anUploadMayBeRenewedForNoLessThanItsUrlsLiveAndAtMostSevenDays() {
        assertThat(bind(Map.of()).uploadMaxDuration()).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.upload-max-duration", "10m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("upload-max-duration must be between upload-url-ttl and 7 days");
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.upload-url-ttl", "10m",
                "framesmith.video.upload-max-duration", "8d")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("upload-max-duration");
        assertThat(bind(Map.of("framesmith.video.upload-max-duration", "1h")).uploadMaxDuration())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anOrphanIsKeptAtLeastAsLongAsAnUploadUrlLives() {
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.sweep.orphan-grace", "10m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("orphan-grace must be at least upload-url-ttl");
        assertThat(bind(Map.of("framesmith.video.sweep.orphan-grace", "10m",
                "framesmith.video.upload-url-ttl", "10m", "framesmith.video.stream-max-duration", "5m")).sweep()
                .orphanGrace()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anOrphanIsKeptLongerThanAStreamedRequestMayTakeToArrive() {
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.stream-max-duration", "1h")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("orphan-grace must be at least stream-max-duration + 5 minutes");
        assertThat(bind(Map.of("framesmith.video.stream-max-duration", "1h",
                "framesmith.video.sweep.orphan-grace", "65m")).streamMaxDuration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anOpenMultipartUploadIsKeptAtLeastAsLongAsADirectUploadMayGetFreshUrls() {
        assertThatThrownBy(() -> bind(Map.of("framesmith.video.sweep.abandoned-upload-after", "6h")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("abandoned-upload-after must be at least upload-max-duration");
        assertThat(bind(Map.of("framesmith.video.sweep.abandoned-upload-after", "6h",
                "framesmith.video.upload-max-duration", "6h")).sweep().abandonedUploadAfter())
                .isEqualTo(Duration.ofHours(6));
    }

    private static VideoProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("framesmith.video", VideoProperties.class);
    }
}
