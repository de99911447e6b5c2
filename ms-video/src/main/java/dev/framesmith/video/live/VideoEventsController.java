package dev.framesmith.video.live;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.video.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /videos/events}: a stream of the caller's video changes. */
@RestController
@Tag(name = "Videos")
class VideoEventsController {

    private final LiveUpdates live;

    VideoEventsController(LiveUpdates live) {
        this.live = live;
    }

    // Whatever the Accept header says, this path is the stream (not the video with the id "events").
    @GetMapping("/videos/events")
    @Operation(summary = "Live status and progress of your videos",
            description = "Server-sent events: an event named 'video' carrying the video (as GET /videos/{id}) each"
                    + " time its status or progress changes, and heartbeat comments. Browsers' EventSource may pass"
                    + " the token as ?access_token=. The stream ends when that token expires or is revoked.")
    @ApiResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "429", description = ProblemResponses.TOO_MANY_STREAMS)
    SseEmitter events(CurrentUser user, @AuthenticationPrincipal Jwt token) {
        return live.open(user.userId(), token.getTokenValue());
    }
}
