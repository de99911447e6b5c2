package dev.framesmith.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each template's required fields are required of every notification of that template, however it is made. */
class NotificationTemplateTest {

    @Test
    void aNotificationWithoutOneOfItsTemplatesFieldsCannotBeMadeOrRead() {
        for (NotificationTemplate template : NotificationTemplate.values()) {
            for (NotificationField missing : template.requiredFields()) {
                assertThatThrownBy(() -> notification(template, missing)).as("%s without %s", template, missing)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(missing.property() + " is required for " + template);
            }
            NotificationRequested complete = notification(template, null);
            assertThat(MessageCodec.decode(MessageCodec.encode(complete), NotificationRequested.class))
                    .isEqualTo(complete);
        }
        String withoutReason = MessageCodec.encode(notification(NotificationTemplate.VIDEO_FAILED, null))
                .replace("\"failureReason\":\"The file is damaged.\"", "\"failureReason\":\"  \"");
        assertThatThrownBy(() -> MessageCodec.decode(withoutReason, NotificationRequested.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("failureReason is required");
    }

    @Test
    void theFilesAreNamedAfterTheTemplate() {
        assertThat(NotificationTemplate.VIDEO_READY.fileName()).isEqualTo("video-ready");
        assertThat(NotificationTemplate.VIDEO_FAILED.fileName()).isEqualTo("video-failed");
    }

    /** A notification of the template with every field it requires but {@code missing}. */
    static NotificationRequested notification(NotificationTemplate template, NotificationField missing) {
        boolean frames = template.requiredFields().contains(NotificationField.FRAME_COUNT)
                && missing != NotificationField.FRAME_COUNT;
        boolean link = template.requiredFields().contains(NotificationField.DOWNLOAD_URL)
                && missing != NotificationField.DOWNLOAD_URL;
        boolean expiry = template.requiredFields().contains(NotificationField.DOWNLOAD_EXPIRES_AT)
                && missing != NotificationField.DOWNLOAD_EXPIRES_AT;
        boolean reason = template.requiredFields().contains(NotificationField.FAILURE_REASON)
                && missing != NotificationField.FAILURE_REASON;
        return new NotificationRequested(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"),
                Message.SCHEMA_VERSION, template, "ana@example.com", "Ana", "user-1", "video-1", "clip.mp4",
                frames ? 3 : null, link ? "https://example.com/frames.zip" : null,
                expiry ? Instant.parse("2026-01-08T00:00:00Z") : null, reason ? "The file is damaged." : null);
    }
}
