package dev.framesmith.video.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.security.RequiresVerifiedEmail;
import dev.framesmith.video.catalog.UploadMethod;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoLookup;
import dev.framesmith.video.catalog.VideoView;
import dev.framesmith.video.storage.VideoObjects.Part;
import dev.framesmith.video.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Direct-to-S3 uploads: get presigned URLs, upload, then complete. */
@RestController
@Tag(name = "Upload")
class DirectUploadController {

    /** {@code video/<subtype>} (RFC 6838 restricted name), with no parameters. */
    static final String VIDEO_MEDIA_TYPE = "(?i)video/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}";

    private final DirectUploads uploads;
    private final VideoLookup lookup;

    DirectUploadController(DirectUploads uploads, VideoLookup lookup) {
        this.uploads = uploads;
        this.lookup = lookup;
    }

    /**
     * @param filename    the file's name, kept for display only
     * @param sizeBytes   the exact size of the file; checked on completion
     * @param contentType what the client believes the file is, a {@code video/*} media type when given; informative
     *                    only, the content decides
     */
    record StartRequest(
            @NotBlank @Size(max = 1024) String filename,
            @NotNull @Min(1) Long sizeBytes,
            @Schema(description = "A video media type such as video/mp4, when the client knows it",
                    example = "video/mp4")
            @Pattern(regexp = VIDEO_MEDIA_TYPE, message = "must be a video media type such as video/mp4")
            String contentType,
            @Schema(description = "Frames per second of video time, 0.01 to 30 (default 1)") Double fps,
            @Schema(description = "jpg (default) or png") String format,
            @Schema(description = UploadOptions.MAX_WIDTH_DESCRIPTION) Integer maxWidth) {
    }

    /** How to upload: PUT the whole file to {@code url} with {@code headers}, or each part to its URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StartResponse(String id, UploadMethod method, String url, Map<String, String> headers, String uploadId,
            Long partSize, List<DirectUploads.PartUrl> parts, Instant expiresAt, String completeUrl) {
    }

    record CompletedPart(@Min(1) @Max(10_000) int partNumber, @NotBlank @Size(max = 256) String etag) {
    }

    /** For a multipart upload, the parts with the ETag S3 answered to each; when absent, the uploaded parts are used. */
    record CompleteRequest(@Valid @Size(max = 10_000) List<@Valid CompletedPart> parts) {
    }

    @PostMapping("/videos/uploads")
    @RequiresVerifiedEmail
    @Operation(summary = "Start a direct upload",
            description = "Answers a presigned PUT URL (with headers to send along), or, above the multipart"
                    + " threshold, presigned URLs for each part of partSize bytes. Upload, then POST completeUrl.")
    @ApiResponse(responseCode = "201", description = "Upload started; Location names the video")
    @ApiResponse(responseCode = "400", description = ProblemResponses.VALIDATION + ", or " + ProblemResponses.MALFORMED)
    @ApiResponse(responseCode = "413", description = ProblemResponses.TOO_LARGE)
    @ApiResponse(responseCode = "429", description = ProblemResponses.TOO_MANY_UPLOADS)
    ResponseEntity<StartResponse> start(CurrentUser user, @Valid @RequestBody StartRequest request) {
        UploadOptions options = new UploadOptions();
        options.fps(request.fps());
        options.format(request.format());
        options.maxWidth(request.maxWidth());
        ExtractionOptions extraction = options.build();
        DirectUploads.Plan plan = uploads.start(user, request.filename(), request.sizeBytes(), extraction);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/videos/" + plan.id()))
                .body(response(plan));
    }

    @PostMapping("/videos/{id}/upload-urls")
    @RequiresVerifiedEmail
    @Operation(summary = "Renew a direct upload's URLs",
            description = "For an upload not yet completed: a fresh presigned PUT, or fresh URLs for the parts not"
                    + " uploaded yet, each living another framesmith.video.upload-url-ttl; the upload's deadline moves"
                    + " with them, up to framesmith.video.upload-max-duration after its start. Ask again when a URL"
                    + " expired before its part was sent.")
    @ApiResponse(responseCode = "200", description = "The fresh URLs")
    @ApiResponse(responseCode = "404", description = ProblemResponses.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ProblemResponses.RENEW_CONFLICT)
    StartResponse renew(CurrentUser user, @PathVariable String id) {
        return response(uploads.renew(lookup.owned(id, user.userId())));
    }

    @PostMapping("/videos/{id}/complete")
    @RequiresVerifiedEmail
    @Operation(summary = "Complete a direct upload",
            description = "Checks the uploaded object (present, declared size, a video) and queues the video."
                    + " A rejected object is removed with its video. Repeating it answers the video as it is.")
    @ApiResponse(responseCode = "202", description = "Accepted: the video is queued or waiting")
    @ApiResponse(responseCode = "400", description = ProblemResponses.VALIDATION)
    @ApiResponse(responseCode = "404", description = ProblemResponses.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ProblemResponses.UPLOAD_CONFLICT)
    @ApiResponse(responseCode = "415", description = ProblemResponses.NOT_A_VIDEO)
    ResponseEntity<VideoView> complete(CurrentUser user, @PathVariable String id,
            @Valid @RequestBody(required = false) CompleteRequest request) {
        Video video = lookup.owned(id, user.userId());
        List<Part> parts = request == null || request.parts() == null ? null
                : request.parts().stream().map(part -> new Part(part.partNumber(), part.etag())).toList();
        return ResponseEntity.accepted().body(VideoView.of(uploads.complete(video, parts)));
    }

    private static StartResponse response(DirectUploads.Plan plan) {
        return new StartResponse(plan.id(), plan.method(), plan.url(), plan.headers(), plan.uploadId(),
                plan.partSize(), plan.parts(), plan.expiresAt(), "/videos/" + plan.id() + "/complete");
    }
}
