package dev.framesmith.video.upload;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.security.RequiresVerifiedEmail;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /videos}: one or more videos in a multipart body, streamed to storage. */
@RestController
@Tag(name = "Upload", description = "Getting videos in")
class UploadController {

    private final StreamedUploads uploads;

    UploadController(StreamedUploads uploads) {
        this.uploads = uploads;
    }

    /** One accepted video. */
    record Accepted(String id, String filename, VideoStatus status) {
    }

    record AcceptedVideos(List<Accepted> videos) {
    }

    /** The multipart form, for the API document only: the body is read as a stream. */
    @Schema(name = "VideoUploadForm")
    record UploadForm(
            @ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 1,
                    arraySchema = @Schema(description = "The video files (MP4, MOV, WebM, MKV, AVI, MPEG-TS, ...)"))
            List<String> files,
            @Schema(description = "Frames per second of video time, 0.01 to 30 (default 1)", example = "1")
            Double fps,
            @Schema(description = "jpg (default) or png", allowableValues = {"jpg", "png"}) String format,
            @Schema(description = UploadOptions.MAX_WIDTH_DESCRIPTION) Integer maxWidth) {
    }

    @PostMapping(path = "/videos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresVerifiedEmail
    @Operation(summary = "Upload videos",
            description = "multipart/form-data with one or more 'files' parts and optional fps, format, maxWidth"
                    + " fields. Each file streams to storage; the videos are then queued or wait for a free slot.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "multipart/form-data",
                            schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the first video")
    @ApiResponse(responseCode = "400", description = ProblemResponses.VALIDATION + ", or " + ProblemResponses.MALFORMED)
    @ApiResponse(responseCode = "408", description = ProblemResponses.TOO_SLOW)
    @ApiResponse(responseCode = "413", description = ProblemResponses.TOO_LARGE)
    @ApiResponse(responseCode = "415", description = ProblemResponses.NOT_A_VIDEO)
    @ApiResponse(responseCode = "429", description = ProblemResponses.TOO_MANY_UPLOADS)
    @ApiResponse(responseCode = "503", description = ProblemResponses.BUSY)
    ResponseEntity<AcceptedVideos> upload(CurrentUser user, HttpServletRequest request) {
        List<Video> videos = uploads.receive(request, user);
        List<Accepted> accepted = videos.stream()
                .map(video -> new Accepted(video.getId(), video.getFilename(), video.getStatus()))
                .toList();
        return ResponseEntity.accepted()
                .location(URI.create("/videos/" + videos.get(0).getId()))
                .body(new AcceptedVideos(accepted));
    }
}
