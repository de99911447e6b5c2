package dev.framesmith.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    @Test
    void processVideoRoundTrips() {
        ProcessVideo job = ProcessVideo.of("v-1", "u-1", "bucket", new ExtractionOptions(0.5, ImageFormat.PNG, 640),
                "\"etag-1\"");

        ProcessVideo read = MessageCodec.decode(MessageCodec.encode(job), ProcessVideo.class);

        assertThat(read).isEqualTo(job);
        assertThat(read.sourceKey()).isEqualTo("raw/u-1/v-1/source");
        assertThat(read.framesKey()).isEqualTo("frames/u-1/v-1/frames.zip");
    }

    @Test
    void everyVideoEventRoundTrips() {
        for (VideoEvent event : new VideoEvent[] {
                VideoEvent.started("v", "u"),
                VideoEvent.progress("v", "u", 42),
                VideoEvent.completed("v", "u", 12, 3456L, 11.5),
                VideoEvent.completed("v", "u", 12, 3456L, 11.5, 24_000L),
                VideoEvent.failed("v", "u", "NOT_A_VIDEO", "This file is not a video")}) {
            assertThat(MessageCodec.decode(MessageCodec.encode(event), VideoEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void aCompletedEventOfTheEarlierShapeHasNoPreviewAndOnlyACompletedOneMayHaveOne() {
        String earlier = """
                {"eventId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","occurredAt":"2026-12-01T10:00:00Z","schemaVersion":1,
                 "videoId":"v","userId":"u","type":"COMPLETED","progressPercent":100,"frameCount":3,"zipBytes":99,
                 "durationSeconds":3.0}
                """;

        assertThat(MessageCodec.decode(earlier, VideoEvent.class).previewBytes()).isNull();
        assertThat(MessageCodec.decode(earlier, VideoEvent.class).resolution()).isNull();
        assertThatThrownBy(() -> new VideoEvent(UUID.randomUUID(), Instant.now(), Message.SCHEMA_VERSION,
                "v", "u", VideoEventType.PROGRESS, 5, null, null, null, null, null, 10L, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReportCarriesTheSourcesResolutionClassAndNothingElseInThatField() {
        VideoEvent completed = VideoEvent.completed("v", "u", 3, 99, 3.0, null).withResolution("fullhd");

        assertThat(MessageCodec.decode(MessageCodec.encode(completed), VideoEvent.class)).isEqualTo(completed);
        assertThatThrownBy(() -> VideoEvent.failed("v", "u", "CORRUPT_VIDEO", "x").withResolution("1080p\nx"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notificationsRoundTrip() {
        NotificationRequested ready = NotificationRequested.videoReady(UUID.randomUUID(), "a@example.com", "Ada", "u",
                "v", "<b>clip</b>.mp4", 30);
        NotificationRequested failed = NotificationRequested.videoFailed(UUID.randomUUID(), "a@example.com", "Ada",
                "u", "v", "clip.mp4", "The file is not a video");

        assertThat(MessageCodec.decode(MessageCodec.encode(ready), NotificationRequested.class)).isEqualTo(ready);
        assertThat(MessageCodec.decode(MessageCodec.encode(failed), NotificationRequested.class)).isEqualTo(failed);
    }

    @Test
    void aVideoReadyMessageOfTheEarlierShapeWithAPresignedLinkIsStillRead() {
        String earlier = """
                {"eventId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","occurredAt":"2026-12-01T10:00:00Z","schemaVersion":1,
                 "template":"VIDEO_READY","recipientEmail":"a@example.com","userId":"u","videoId":"v","frameCount":3,
                 "downloadUrl":"https://bucket.s3.amazonaws.com/frames/u/v/frames.zip?X-Amz-Signature=1",
                 "downloadExpiresAt":"2026-12-08T10:00:00Z"}
                """;

        NotificationRequested ready = MessageCodec.decode(earlier, NotificationRequested.class);

        assertThat(ready.template()).isEqualTo(NotificationTemplate.VIDEO_READY);
        assertThat(ready.videoId()).isEqualTo("v");
        assertThat(MessageCodec.encode(ready)).doesNotContain("X-Amz");
    }

    @Test
    void aVideoLinkOpensThePageAtTheVideoAndTakesOnlyAVideoId() {
        assertThat(VideoLinks.download("https://app.example", "0b7c-42")).isEqualTo("https://app.example/#download=0b7c-42");
        assertThat(VideoLinks.download("https://app.example/", "v")).isEqualTo("https://app.example/#download=v");
        for (String bad : new String[] {null, "", "../x", "a b", "v#x", "x".repeat(65)}) {
            assertThatThrownBy(() -> VideoLinks.download("https://app.example", bad))
                    .as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void instantsAreWrittenAsIsoText() {
        String json = MessageCodec.encode(VideoEvent.started("v", "u"));

        assertThat(json).containsPattern("\"occurredAt\":\"\\d{4}-\\d{2}-\\d{2}T");
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = MessageCodec.encode(VideoEvent.progress("v", "u", 10));
        String extended = json.substring(0, json.length() - 1) + ",\"addedLater\":{\"x\":1}}";

        assertThat(MessageCodec.decode(extended, VideoEvent.class).progressPercent()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"eventId\":\"nope\"}", "[]", "{}",
            "{\"eventId\":\"6b3f0b9e-0a4e-4a8e-9d1e-1c2b3a4d5e6f\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                    + "\"schemaVersion\":1,\"videoId\":\"v\",\"userId\":\"u\",\"type\":\"COMPLETED\"}",
            "{\"eventId\":\"6b3f0b9e-0a4e-4a8e-9d1e-1c2b3a4d5e6f\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                    + "\"schemaVersion\":99,\"videoId\":\"v\",\"userId\":\"u\",\"type\":\"STARTED\"}",
            "{\"eventId\":\"6b3f0b9e-0a4e-4a8e-9d1e-1c2b3a4d5e6f\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                    + "\"schemaVersion\":1,\"videoId\":\"v\",\"userId\":\"u\",\"type\":\"EXPLODED\"}"})
    void unreadableMessagesAreMalformed(String json) {
        assertThatThrownBy(() -> MessageCodec.decode(json, VideoEvent.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void optionsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new ExtractionOptions(0, ImageFormat.JPG, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtractionOptions(31, ImageFormat.JPG, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtractionOptions(1, ImageFormat.JPG, 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExtractionOptions(1, null, null).format()).isEqualTo(ImageFormat.JPG);
    }
}
