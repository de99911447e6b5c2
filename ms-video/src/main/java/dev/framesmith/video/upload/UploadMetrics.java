package dev.framesmith.video.upload;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Accepted uploads by how they came ({@code method}: {@code stream} through {@code POST /videos}, {@code direct} to
 * presigned URLs): {@code framesmith.video.uploads{method}} and their sizes {@code framesmith.video.upload.bytes{method}};
 * and {@code framesmith.video.uploads.rejected}, direct uploads whose file was refused at completion.
 */
@Component
class UploadMetrics {

    static final String STREAM = "stream";
    static final String DIRECT = "direct";

    private final MeterRegistry meters;

    UploadMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void accepted(String method, long bytes) {
        meters.counter("framesmith.video.uploads", "method", method).increment();
        DistributionSummary.builder("framesmith.video.upload.bytes")
                .baseUnit("bytes")
                .description("Size of accepted video files")
                .tag("method", method)
                .register(meters)
                .record(bytes);
    }

    void rejected() {
        meters.counter("framesmith.video.uploads.rejected").increment();
    }
}
