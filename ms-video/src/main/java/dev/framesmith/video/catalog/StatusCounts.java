package dev.framesmith.video.catalog;

import dev.framesmith.video.config.VideoProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code framesmith.video.videos{status}}: how many videos are in each not-yet-finished status (how many
 * wait, how many run), counted on the status index every {@code framesmith.video.metrics-interval}. Every
 * replica reports the same totals: aggregate with max, not sum.
 */
@Component
class StatusCounts implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StatusCounts.class);
    static final Set<VideoStatus> COUNTED = EnumSet.of(VideoStatus.UPLOADING, VideoStatus.UPLOADED,
            VideoStatus.WAITING, VideoStatus.QUEUED, VideoStatus.PROCESSING);

    private final VideoStore store;
    private final Map<VideoStatus, AtomicLong> counts = new EnumMap<>(VideoStatus.class);
    private final Duration interval;

    StatusCounts(VideoStore store, MeterRegistry meters, VideoProperties properties) {
        this.store = store;
        this.interval = properties.metricsInterval();
        for (VideoStatus status : COUNTED) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("framesmith.video.videos", count, AtomicLong::get)
                    .tag("status", status.name())
                    .description("Videos in a status, counted periodically")
                    .register(meters);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::refresh, interval, interval));
    }

    void refresh() {
        try {
            counts.forEach((status, count) -> count.set(store.count(status)));
        } catch (RuntimeException e) {
            log.warn("Counting videos per status failed; the gauges keep their last values", e);
        }
    }
}
