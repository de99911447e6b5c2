package dev.framesmith.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobMessagesTest {

    private static final String BUCKET = "framesmith-videos";

    @Test
    void readsAJobBuiltFromIds() {
        ProcessVideo job = ProcessVideo.of("video-1", "user-1", BUCKET, ExtractionOptions.DEFAULT);

        assertThat(JobMessages.read(MessageCodec.encode(job), BUCKET)).isEqualTo(job);
    }

    @Test
    void refusesJobsPointingAnywhereElse() {
        assertThatThrownBy(() -> JobMessages.read(MessageCodec.encode(
                ProcessVideo.of("video-1", "user-1", "other-bucket", ExtractionOptions.DEFAULT)), BUCKET))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("bucket");
        assertThatThrownBy(() -> JobMessages.read(MessageCodec.encode(job("video-1", "user-1",
                "raw/user-1/video-2/source", StorageKeys.frames("user-1", "video-1"))), BUCKET))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> JobMessages.read(MessageCodec.encode(job("../video", "user-1",
                "raw/user-1/../video/source", "frames/user-1/../video/frames.zip")), BUCKET))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("ids");
    }

    @Test
    void refusesWhatIsNotAJob() {
        assertThatThrownBy(() -> JobMessages.read("{}", BUCKET)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> JobMessages.read("", BUCKET)).isInstanceOf(MalformedMessageException.class);
    }

    private static ProcessVideo job(String videoId, String userId, String source, String frames) {
        return new ProcessVideo(UUID.randomUUID(), Instant.now(), 1, videoId, userId, BUCKET, source, frames,
                ExtractionOptions.DEFAULT);
    }
}
