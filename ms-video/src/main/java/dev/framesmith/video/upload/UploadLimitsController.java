package dev.framesmith.video.upload;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.support.processing.ProcessingLimits;
import dev.framesmith.video.config.VideoProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /videos/limits}: what an upload may be and ask for, so that a client can check before it sends. */
@RestController
@Tag(name = "Upload", description = "Getting videos in")
class UploadLimitsController {

    private final UploadLimits limits;

    UploadLimitsController(VideoProperties properties, ProcessingLimits processing) {
        this.limits = new UploadLimits(properties.maxUploadSize().toBytes(),
                properties.quotas().concurrentUploads(), processing.maxDuration().toSeconds(),
                processing.maxFrames(), processing.maxWidth(), processing.maxOutputSize().toBytes(),
                new Range(ExtractionOptions.MIN_FPS, ExtractionOptions.MAX_FPS, ExtractionOptions.DEFAULT.fps()),
                new Range(ExtractionOptions.MIN_WIDTH, ExtractionOptions.MAX_WIDTH, processing.defaultWidth()),
                Arrays.stream(ImageFormat.values()).map(ImageFormat::extension).toList(),
                Arrays.stream(ImageFormat.values()).collect(Collectors.toMap(ImageFormat::extension,
                        ImageFormat::bytesPerPixel, (a, b) -> a, TreeMap::new)));
    }

    /**
     * @param maxFileBytes       largest video file (larger: 413 {@code file-too-large})
     * @param concurrentUploads  uploads of one user under way at once (more: 429 {@code too-many-uploads})
     * @param maxDurationSeconds longest video processed (longer: FAILED with TOO_LONG)
     * @param maxFrames          most frames of one video, its duration times fps (more: FAILED with TOO_MANY_FRAMES)
     * @param widestFrame        frames are never wider than this, whatever maxWidth asks for
     * @param maxOutputBytes     most bytes the frames of one video may take, estimated as frames x frame width x
     *                           frame height x the format's bytesPerPixel (more: FAILED with OUTPUT_TOO_LARGE)
     * @param fps                the fps option
     * @param maxWidth           the maxWidth option; frames wider than its default are scaled down to it when the
     *                           upload asks for no width
     * @param formats            the format option's values (without one: jpg)
     * @param bytesPerPixel      what a typical frame of each format takes per pixel, for that estimate
     */
    record UploadLimits(long maxFileBytes, int concurrentUploads, long maxDurationSeconds, int maxFrames,
            int widestFrame, long maxOutputBytes, Range fps, Range maxWidth, List<String> formats,
            Map<String, Double> bytesPerPixel) {
    }

    /** An option's smallest, largest and default value. */
    record Range(Number min, Number max, @JsonProperty("default") Number defaultValue) {
    }

    @GetMapping("/videos/limits")
    @Operation(summary = "What an upload may be",
            description = "The largest file, the uploads at once, the longest video, the most frames, the most bytes"
                    + " of frames with the estimate they are checked by, and the range and default of each option, as"
                    + " this deployment enforces them.")
    @ApiResponse(responseCode = "200", description = "The limits",
            content = @io.swagger.v3.oas.annotations.media.Content(
                    schema = @Schema(implementation = UploadLimits.class)))
    UploadLimits limits() {
        return limits;
    }
}
