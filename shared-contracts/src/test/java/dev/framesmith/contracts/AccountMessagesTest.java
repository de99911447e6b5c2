package dev.framesmith.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountMessagesTest {

    private static final String TOKEN = "Zm9vYmFyYmF6cXV4LXRva2VuLXZhbHVlLTEyMzQ1Njc4OQ";
    private static final Instant EXPIRES = Instant.parse("2026-12-01T10:15:30Z");

    @Test
    void accountEmailsRoundTripWithoutAVideo() {
        NotificationRequested verify = NotificationRequested.verifyEmail(UUID.randomUUID(), Instant.now(),
                "a@example.com", "u-1", TOKEN, EXPIRES);
        NotificationRequested reset = NotificationRequested.resetPassword(UUID.randomUUID(), Instant.now(),
                "a@example.com", "Ada", "u-1", TOKEN, EXPIRES);

        assertThat(MessageCodec.decode(MessageCodec.encode(verify), NotificationRequested.class)).isEqualTo(verify);
        assertThat(MessageCodec.decode(MessageCodec.encode(reset), NotificationRequested.class)).isEqualTo(reset);
        assertThat(verify.recipientName()).as("a name typed by whoever registered").isNull();
        assertThat(verify.videoId()).isNull();
    }

    @Test
    void anAccountEmailNeedsItsTokenAndAVideoEmailItsVideo() {
        assertThatThrownBy(() -> NotificationRequested.verifyEmail(UUID.randomUUID(), Instant.now(), "a@example.com",
                "u-1", null, EXPIRES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountToken");
        assertThatThrownBy(() -> NotificationRequested.resetPassword(UUID.randomUUID(), Instant.now(), "a@example.com",
                "Ada", "u-1", TOKEN, null)).hasMessageContaining("accountTokenExpiresAt");
        assertThatThrownBy(() -> NotificationRequested.videoFailed(UUID.randomUUID(), "a@example.com", "Ada", "u",
                null, "clip.mp4", "broken")).hasMessageContaining("videoId");
    }

    @Test
    void theTokenNeverAppearsInToString() {
        NotificationRequested verify = NotificationRequested.verifyEmail(UUID.randomUUID(), Instant.now(),
                "a@example.com", "u-1", TOKEN, EXPIRES);

        assertThat(verify.toString()).doesNotContain(TOKEN).contains("VERIFY_EMAIL").contains("(hidden)");
    }

    @Test
    void linksCarryTheTokenInTheFragment() {
        assertThat(AccountLinks.link(NotificationTemplate.VERIFY_EMAIL, "https://app.example", TOKEN))
                .isEqualTo("https://app.example/#verify-email=" + TOKEN);
        assertThat(AccountLinks.link(NotificationTemplate.RESET_PASSWORD, "http://127.0.0.1:8080/", TOKEN))
                .isEqualTo("http://127.0.0.1:8080/#reset-password=" + TOKEN);
        assertThatThrownBy(() -> AccountLinks.link(NotificationTemplate.VIDEO_READY, "https://app.example", TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountLinks.link(NotificationTemplate.VERIFY_EMAIL, "https://app.example",
                "x\"><script>")).isInstanceOf(IllegalArgumentException.class);
    }
}
