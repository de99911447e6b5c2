package dev.framesmith.video.support;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.UploadMethod;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Videos written straight into the table in a chosen status, by the same factories and transitions the service
 * uses.
 */
public final class StoredVideos {

    private StoredVideos() {
    }

    public static Video stored(VideoStore store, TestUser user, VideoStatus status) {
        CurrentUser owner = new CurrentUser(user.id(), user.email(), user.name());
        String id = UUID.randomUUID().toString();
        boolean direct = status == VideoStatus.UPLOADING || status == VideoStatus.EXPIRED;
        Video video = direct
                ? Video.direct(id, owner, "stored.mp4", 100, ExtractionOptions.DEFAULT, UploadMethod.PUT, null, null,
                        Instant.now().plusSeconds(3600), null)
                : Video.streamed(id, owner, "stored.mp4", 100, "\"etag-1\"", "video/mp4",
                        ExtractionOptions.DEFAULT);
        store.create(video);
        for (Transition transition : path(status)) {
            video = store.apply(video, transition).orElseThrow();
        }
        return video;
    }

    private static List<Transition> path(VideoStatus status) {
        return switch (status) {
            case UPLOADING, UPLOADED -> List.of();
            case WAITING -> List.of(Transition.waitForSlot(null));
            case QUEUED -> List.of(Transition.queue(null));
            case PROCESSING -> List.of(Transition.start());
            case DONE -> List.of(Transition.complete(1, 1, 1.0, null));
            case FAILED -> List.of(Transition.fail("CORRUPT_VIDEO", null));
            case EXPIRED -> List.of(Transition.expire());
            case DELETED -> List.of(Transition.delete());
        };
    }
}
