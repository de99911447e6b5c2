package dev.framesmith.video.catalog;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.video.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's videos: list, one, delete. */
@RestController
@RequestMapping("/videos")
@Tag(name = "Videos", description = "Your videos, their status and progress")
class VideosController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final String LIMIT_RANGE = "must be a whole number between 1 and " + MAX_LIMIT;

    private final VideoStore store;
    private final VideoLookup lookup;
    private final VideoRemoval removal;
    private final QueuePositions positions;

    VideosController(VideoStore store, VideoLookup lookup, VideoRemoval removal, QueuePositions positions) {
        this.store = store;
        this.lookup = lookup;
        this.removal = removal;
        this.positions = positions;
    }

    /** A page of videos and the cursor of the next page (absent on the last page). */
    record VideoList(List<VideoView> videos, String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "List your videos, newest first",
            description = "Pages through your videos (never deleted ones). Pass nextCursor back as cursor for the"
                    + " next page.")
    @ApiResponse(responseCode = "200", description = "A page of videos")
    @ApiResponse(responseCode = "400", description = ProblemResponses.VALIDATION)
    VideoList list(CurrentUser user,
            @Parameter(description = "Only videos in this status (any case)")
            @RequestParam(required = false) @ListedStatus VideoStatus status,
            @Parameter(description = "Page size, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(value = 1, message = LIMIT_RANGE)
            @Max(value = MAX_LIMIT, message = LIMIT_RANGE) int limit,
            @Parameter(description = "nextCursor of the previous page", schema = @Schema(type = "string"))
            @RequestParam(required = false) ListCursor cursor) {
        VideoStore.ListPage page = store.listByUser(user.userId(), status, limit,
                cursor == null ? null : cursor.after());
        Map<String, Integer> queue = positions.of(user.userId(), page.videos());
        return new VideoList(page.videos().stream().map(video -> VideoView.of(video, queue.get(video.getId())))
                .toList(),
                page.next() == null ? null : new ListCursor(page.next()).encode());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your videos")
    @ApiResponse(responseCode = "200", description = "The video")
    @ApiResponse(responseCode = "404", description = ProblemResponses.NOT_FOUND)
    VideoView get(CurrentUser user, @PathVariable String id) {
        return positions.view(lookup.owned(id, user.userId()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete one of your videos",
            description = "Removes the uploaded file and the frames, cancels processing and frees the slot."
                    + " Repeating it is harmless.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ProblemResponses.NOT_FOUND)
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable String id) {
        removal.delete(lookup.ownedIncludingDeleted(id, user.userId()));
        return ResponseEntity.noContent().build();
    }
}
