package dev.framesmith.video.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.framesmith.contracts.ExtractionOptions;
import java.time.Instant;

/**
 * A video as the API shows it. {@code progress} is a percentage; {@code frameCount}, {@code zipBytes} and
 * {@code durationSeconds} appear once DONE, with {@code previewBytes} when it has a contact sheet
 * ({@code GET /videos/{id}/preview}); {@code error} once FAILED; {@code queuePosition} while WAITING, where 1 runs next
 * of the owner's waiting videos (in the list and for one video; live updates leave it out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoView(
        String id,
        String filename,
        VideoStatus status,
        int progress,
        Long sizeBytes,
        Instant createdAt,
        Instant updatedAt,
        Integer frameCount,
        Long zipBytes,
        Double durationSeconds,
        Error error,
        Options options,
        Long previewBytes,
        Integer queuePosition) {

    public record Error(String code, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Options(double fps, String format, Integer maxWidth) {
    }

    public static VideoView of(Video video) {
        return of(video, null);
    }

    static VideoView of(Video video, Integer queuePosition) {
        ExtractionOptions options = video.extractionOptions();
        int progress = video.getStatus() == VideoStatus.DONE ? 100
                : video.getProgress() == null ? 0 : video.getProgress();
        Error error = video.getErrorCode() == null ? null : new Error(video.getErrorCode(), video.getErrorMessage());
        return new VideoView(video.getId(), video.getFilename(), video.getStatus(), progress, video.getSizeBytes(),
                video.getCreatedAt(), video.getUpdatedAt(), video.getFrameCount(), video.getZipBytes(),
                video.getDurationSeconds(), error,
                new Options(options.fps(), options.format().extension(), options.maxWidth()),
                video.getPreviewBytes(), queuePosition);
    }
}
