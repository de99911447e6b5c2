package dev.framesmith.video.download;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoLookup;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.storage.VideoObjects.PresignedUrl;
import dev.framesmith.video.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The frame archive and the contact sheet of a DONE video, each through a short-lived presigned S3 link. */
@RestController
@Tag(name = "Videos")
class DownloadController {

    private final VideoLookup lookup;
    private final DownloadLinks links;
    private final VideoProperties properties;

    DownloadController(VideoLookup lookup, DownloadLinks links, VideoProperties properties) {
        this.lookup = lookup;
        this.links = links;
        this.properties = properties;
    }

    /** Where to download the frames, and until when the link works. */
    record DownloadLink(String url, Instant expiresAt) {
    }

    @GetMapping("/videos/{id}/download")
    @Operation(summary = "Download the frames (ZIP)",
            description = "Redirects (302) to a presigned link to the ZIP of frames. With Accept: application/json"
                    + " answers the link and its expiry instead.")
    @ApiResponse(responseCode = "302", description = "Redirect to the ZIP",
            headers = @Header(name = HttpHeaders.LOCATION, description = "Presigned link to the ZIP"))
    @ApiResponse(responseCode = "200", description = "The link (Accept: application/json)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DownloadLink.class)))
    @ApiResponse(responseCode = "404", description = ProblemResponses.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ProblemResponses.NOT_READY)
    ResponseEntity<?> download(CurrentUser user, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(links.framesLink(done(user, id), properties.downloadUrlTtl()), accept);
    }

    @GetMapping("/videos/{id}/preview")
    @Operation(summary = "See the contact sheet (JPEG)",
            description = "Redirects (302) to a presigned link to the contact sheet: a JPEG grid of up to 12 evenly"
                    + " spaced frames. With Accept: application/json answers the link and its expiry instead.")
    @ApiResponse(responseCode = "302", description = "Redirect to the contact sheet",
            headers = @Header(name = HttpHeaders.LOCATION, description = "Presigned link to the JPEG"))
    @ApiResponse(responseCode = "200", description = "The link (Accept: application/json)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DownloadLink.class)))
    @ApiResponse(responseCode = "404", description = ProblemResponses.NO_PREVIEW)
    @ApiResponse(responseCode = "409", description = ProblemResponses.NOT_READY)
    ResponseEntity<?> preview(CurrentUser user, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Video video = done(user, id);
        if (video.getPreviewBytes() == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "no-preview", "No contact sheet",
                    "This video has no contact sheet: its frames were made before contact sheets existed, or could"
                            + " not be read as pictures. The ZIP is complete.");
        }
        return answer(links.previewLink(video, properties.downloadUrlTtl()), accept);
    }

    /** The caller's video, DONE; otherwise a 404 or 409 problem. */
    private Video done(CurrentUser user, String id) {
        Video video = lookup.owned(id, user.userId());
        if (video.getStatus() != VideoStatus.DONE) {
            throw new ProblemException(HttpStatus.CONFLICT, "not-ready", "Frames not ready",
                    "The frames of this video are not ready: it is " + video.getStatus() + ".")
                    .with("videoStatus", video.getStatus().name());
        }
        return video;
    }

    private static ResponseEntity<?> answer(PresignedUrl link, String accept) {
        if (wantsJson(accept)) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(new DownloadLink(link.url(), link.expiresAt()));
        }
        return ResponseEntity.status(HttpStatus.FOUND).cacheControl(CacheControl.noStore())
                .location(URI.create(link.url())).build();
    }

    private static boolean wantsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                    && type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
