package dev.framesmith.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
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
        assertThat(NotificationTemplate.RESET_PASSWORD.fileName()).isEqualTo("reset-password");
    }

    @Test
    void theAccountEmailsAreTheTemplatesCarryingAnAccountToken() {
        assertThat(NotificationTemplate.VERIFY_EMAIL.isAccountEmail()).isTrue();
        assertThat(NotificationTemplate.RESET_PASSWORD.isAccountEmail()).isTrue();
        assertThat(NotificationTemplate.VIDEO_READY.isAccountEmail()).isFalse();
    }

    /** A notification of the template with every field it requires but {@code missing}, and no other. */
    static NotificationRequested notification(NotificationTemplate template, NotificationField missing) {
        Set<NotificationField> given = EnumSet.noneOf(NotificationField.class);
        given.addAll(template.requiredFields());
        given.remove(missing);
        return new NotificationRequested(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"),
                Message.SCHEMA_VERSION, template, "ana@example.com", "Ana",
                given.contains(NotificationField.USER_ID) ? "user-1" : null,
                given.contains(NotificationField.VIDEO_ID) ? "video-1" : null, "clip.mp4",
                given.contains(NotificationField.FRAME_COUNT) ? 3 : null,
                given.contains(NotificationField.FAILURE_REASON) ? "The file is damaged." : null,
                given.contains(NotificationField.ACCOUNT_TOKEN) ? "dG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA" : null,
                given.contains(NotificationField.ACCOUNT_TOKEN_EXPIRES_AT) ? Instant.parse("2026-01-02T00:00:00Z")
                        : null);
    }
}
