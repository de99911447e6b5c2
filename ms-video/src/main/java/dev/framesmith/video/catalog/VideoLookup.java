package dev.framesmith.video.catalog;

import dev.framesmith.support.web.ProblemException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Finds a video for its owner. Someone else's video, a deleted one, an unknown id and a malformed id all
 * answer the same 404, so ids reveal nothing.
 */
@Component
public class VideoLookup {

    public static final String NOT_FOUND = "video-not-found";

    private static final Pattern VIDEO_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final VideoStore store;

    VideoLookup(VideoStore store) {
        this.store = store;
    }

    /** The caller's video, not deleted; otherwise a 404 problem. */
    public Video owned(String id, String userId) {
        Video video = ownedIncludingDeleted(id, userId);
        if (video.getStatus() == VideoStatus.DELETED) {
            throw notFound();
        }
        return video;
    }

    /** The caller's video, also when deleted; otherwise a 404 problem. */
    public Video ownedIncludingDeleted(String id, String userId) {
        if (id == null || !VIDEO_ID.matcher(id).matches()) {
            throw notFound();
        }
        return store.find(id)
                .filter(video -> userId.equals(video.getUserId()))
                .orElseThrow(VideoLookup::notFound);
    }

    public static ProblemException notFound() {
        return new ProblemException(HttpStatus.NOT_FOUND, NOT_FOUND, "Video not found",
                "There is no video with this id among yours.");
    }
}
