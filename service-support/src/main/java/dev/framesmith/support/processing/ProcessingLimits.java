package dev.framesmith.support.processing;

import dev.framesmith.contracts.ExtractionOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a video may ask of the processing ({@code framesmith.processing}): the worker enforces these limits, ms-video
 * tells clients about them before they upload ({@code GET /videos/limits}). Both services bind the same properties,
 * so a limit changed for one is changed for the other.
 *
 * @param maxDuration   longest video accepted (longer: FAILED with TOO_LONG)
 * @param maxFrames     most frames one video may produce (more: FAILED with TOO_MANY_FRAMES)
 * @param defaultWidth  frames wider than this are scaled down when the upload asks for no width
 * @param maxWidth      frames are never wider, whatever the upload asks for
 * @param maxOutputSize most bytes of frames and ZIP one video may take: estimated before the extraction from its
 *                      frames, their size and the format's bytes per pixel, and enforced while it runs (more: FAILED
 *                      with OUTPUT_TOO_LARGE)
 */
@Validated
@ConfigurationProperties("framesmith.processing")
public record ProcessingLimits(
        @DefaultValue("2h") @NotNull Duration maxDuration,
        @DefaultValue("20000") @Min(1) @Max(99999) int maxFrames,
        @DefaultValue("" + ExtractionOptions.DEFAULT_MAX_WIDTH) @Min(ExtractionOptions.MIN_WIDTH)
        @Max(ExtractionOptions.MAX_WIDTH) int defaultWidth,
        @DefaultValue("" + ExtractionOptions.MAX_WIDTH) @Min(ExtractionOptions.MIN_WIDTH)
        @Max(ExtractionOptions.MAX_WIDTH) int maxWidth,
        @DefaultValue("4GB") @NotNull DataSize maxOutputSize) {

    public ProcessingLimits {
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("framesmith.processing.max-duration must be positive");
        }
        if (maxOutputSize.toBytes() <= 0) {
            throw new IllegalArgumentException("framesmith.processing.max-output-size must be positive");
        }
        if (defaultWidth > maxWidth) {
            throw new IllegalArgumentException("framesmith.processing.default-width must not exceed max-width");
        }
    }
}
