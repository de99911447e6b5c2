package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobMessagesTest {

    private static final String BUCKET = "framesmith-videos";

    @Test
    void acceptsAJobBuiltFromIds() {
        ProcessVideo job = ProcessVideo.of("video-1", "user-1", BUCKET, ExtractionOptions.DEFAULT, null);

        assertThat(JobMessages.check(job, BUCKET)).isEqualTo(job);
    }

    @Test
    void refusesJobsPointingAnywhereElse() {
        assertThatThrownBy(() -> JobMessages.check(
                ProcessVideo.of("video-1", "user-1", "other-bucket", ExtractionOptions.DEFAULT, null), BUCKET))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("bucket");
        assertThatThrownBy(() -> JobMessages.check(job("video-1", "user-1",
                "raw/user-1/video-2/source", StorageKeys.frames("user-1", "video-1")), BUCKET))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> JobMessages.check(job("../video", "user-1",
                "raw/user-1/../video/source", "frames/user-1/../video/frames.zip"), BUCKET))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("ids");
    }

    private static ProcessVideo job(String videoId, String userId, String source, String frames) {
        return new ProcessVideo(UUID.randomUUID(), Instant.now(), 1, videoId, userId, BUCKET, source, frames,
                ExtractionOptions.DEFAULT, null);
    }
}
