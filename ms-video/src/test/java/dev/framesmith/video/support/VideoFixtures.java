package dev.framesmith.video.support;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import java.time.Instant;
import java.util.UUID;

/** Videos in memory, in any status, for web-slice tests whose store is a mock. */
public final class VideoFixtures {

    public static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.000006Z");

    private VideoFixtures() {
    }

    public static Video video(String userId, VideoStatus status) {
        Video video = Video.streamed(UUID.randomUUID().toString(), new CurrentUser(userId, "a@example.com", "A"),
                "clip.mp4", 100, "\"etag-1\"", "video/mp4", ExtractionOptions.DEFAULT);
        video.setStatus(status);
        video.setCreatedAt(CREATED);
        video.setUpdatedAt(CREATED);
        return video;
    }
}
