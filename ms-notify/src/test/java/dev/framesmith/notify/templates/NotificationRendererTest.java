package dev.framesmith.notify.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationRendererTest {

    private static final Instant NOW = Instant.parse("2026-04-27T14:30:00Z");
    private static final String APP = "https://app.framesmith.test/videos";
    private static final String TOKEN = "dG9rZW4tdGhhdC1pcy1sb25nLWVub3VnaA";
    private static final String VIDEO_LINK = APP + "/#download=video-1";

    private final NotificationRenderer renderer = new NotificationRenderer(APP, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void videoReadyLinksToTheVideoOnThePageNeverToAPresignedArchive() {
        RenderedEmail email = renderer.render(ready("Ana", "holiday.mp4", 42));

        assertThat(email.subject()).isEqualTo("Your frames are ready");
        assertThat(email.html())
                .contains("Hello Ana,")
                .contains("<strong>holiday.mp4</strong>")
                .contains("42 frames")
                .contains("href=\"" + VIDEO_LINK + "\"")
                .contains("href=\"" + APP + "\"")
                .doesNotContain("X-Amz", "s3.")
                .contains("<title>Your frames are ready</title>")
                .doesNotContain("{{");
        assertThat(email.text())
                .contains("Hello Ana,")
                .contains("\"holiday.mp4\"")
                .contains("\n" + VIDEO_LINK + "\n")
                .contains("as long as the video is in your list")
                .contains(APP)
                .doesNotContain("{{")
                .doesNotContain("<");
    }

    @Test
    void videoFailedGivesTheReasonInPlainLanguage() {
        RenderedEmail email = renderer.render(failed("Ana", "holiday.mp4", "The file is not a video we can read."));

        assertThat(email.subject()).isEqualTo("We could not process your video");
        assertThat(email.html()).contains("<strong>holiday.mp4</strong>")
                .contains("The file is not a video we can read.")
                .contains("href=\"" + APP + "\"");
        assertThat(email.text()).contains("Reason: The file is not a video we can read.").contains(APP);
    }

    @Test
    void everyUserSuppliedValueIsEscapedInHtml() {
        String script = "<script>alert(1)</script>.mp4";
        RenderedEmail ready = renderer.render(ready("<b>Eve</b> & \"friends\" 'x'", script, 3));
        RenderedEmail failed = renderer.render(failed("Eve", script, "<img src=x onerror=alert(3)>"));

        assertThat(ready.html())
                .doesNotContain("<script>")
                .doesNotContain("<b>Eve</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4")
                .contains("&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;friends&quot; &#39;x&#39;");
        assertThat(failed.html())
                .doesNotContain("<script>")
                .doesNotContain("<img")
                .contains("&lt;img src=x onerror=alert(3)&gt;");
        assertThat(ready.text()).contains("\"" + script + "\"");
    }

    @Test
    void aVideoIdThatCannotMakeALinkIsRefused() {
        for (String id : new String[] {"../x", "v\"><script>", "v#x", "a b"}) {
            NotificationRequested request = NotificationRequested.videoReady(UUID.randomUUID(), "ana@example.com",
                    "Ana", "user-1", id, "a.mp4", 1);
            assertThatThrownBy(() -> renderer.render(request)).as(id).isInstanceOf(UnsafeContentException.class);
        }
    }

    @Test
    void noSubjectCarriesWhatAUserTypedWhichStaysInTheBodyCleaned() {
        String name = "Your account is locked, call +1 555 0100";
        String filename = "evil\r\nBcc: victim@example.com\u0000\u202Egnp.exe";
        for (NotificationTemplate template : NotificationTemplate.values()) {
            NotificationRequested request = new NotificationRequested(UUID.randomUUID(), NOW, 1, template,
                    "ana@example.com", name, "user-1", "video-1", filename, 2, name, TOKEN, NOW.plusSeconds(3600));
            RenderedEmail email = renderer.render(request);

            assertThat(email.subject()).as(template.name()).doesNotContain("locked", "evil", "Bcc", "gnp");
        }
        RenderedEmail failed = renderer.render(failed(name, filename, "reason"));
        assertThat(failed.text()).contains("\"evil Bcc: victim@example.com gnp.exe\"").contains("Hello " + name);
        assertThat(failed.text()).doesNotContainPattern("[\\x00\\r\\u202E]");
    }

    @Test
    void aTemplateWhoseSubjectHasAPlaceholderDoesNotLoad() {
        assertThat(NotificationRenderer.fixedSubject("mail/x", " Your frames are ready ")).isEqualTo("Your frames are ready");
        assertThatThrownBy(() -> NotificationRenderer.fixedSubject("mail/x", "Your frames are ready: {{video}}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fixed text");
        assertThatThrownBy(() -> NotificationRenderer.fixedSubject("mail/x", " "))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingOptionalValuesReadNaturally() {
        RenderedEmail ready = renderer.render(ready(null, null, null));

        assertThat(ready.html()).contains("Hello there,").contains("processing your video.")
                .contains("all extracted frames");
        assertThat(renderer.render(ready("Ana", "a.mp4", 1)).text()).contains("(1 frame)");
        assertThat(renderer.render(ready("Ana", "   \u0007 ", 1)).text())
                .contains("processing your video.");
    }

    @Test
    void placeholdersInValuesAreNotExpanded() {
        RenderedEmail email = renderer.render(ready("{{videoLink}}", "{{appUrl}}.mp4", 1));

        assertThat(email.html()).contains("Hello {{videoLink}},").contains("<strong>{{appUrl}}.mp4</strong>");
        assertThat(email.text()).contains("Hello {{videoLink}},");
    }

    @Test
    void expiryIsRelativeToNow() {
        assertThat(renderer.expiresIn(NOW.plus(Duration.ofDays(2)))).isEqualTo("in about 2 days");
        assertThat(renderer.expiresIn(NOW.plus(Duration.ofDays(7).minusMinutes(7)))).isEqualTo("in about 7 days");
        assertThat(renderer.expiresIn(NOW.plus(Duration.ofHours(35)))).isEqualTo("in about 35 hours");
        assertThat(renderer.expiresIn(NOW.plus(Duration.ofMinutes(119)))).isEqualTo("in about 119 minutes");
        assertThat(renderer.expiresIn(NOW.plus(Duration.ofSeconds(30)))).isEqualTo("in about a minute");
        assertThat(renderer.expiresIn(NOW.minusSeconds(1))).startsWith("this link has already expired");
    }

    @Test
    void everyTemplateHasASubjectAnHtmlAndATextPartFilledFromItsFields() {
        for (NotificationTemplate template : NotificationTemplate.values()) {
            RenderedEmail email = renderer.render(everyField(template));

            assertThat(email.subject()).as(template.name()).isNotBlank();
            assertThat(email.html()).as(template.name()).startsWith("<!DOCTYPE html>")
                    .contains("<title>" + email.subject()).doesNotContain("{{");
            assertThat(email.text()).as(template.name()).startsWith("Hello").doesNotContain("{{", "Subject:");
        }
    }

    @Test
    void theVerificationEmailLinksToThePageWithTheTokenInTheFragmentAndNamesNobody() {
        RenderedEmail email = renderer.render(NotificationRequested.verifyEmail(UUID.randomUUID(), NOW,
                "ana@example.com", "user-1", TOKEN, NOW.plus(Duration.ofHours(24))));

        String link = APP + "/#verify-email=" + TOKEN;
        assertThat(email.subject()).isEqualTo("Confirm your e-mail address for Framesmith");
        assertThat(email.html()).contains("href=\"" + link + "\"")
                .contains("Tuesday 28 April 2026 at 14:30 UTC (in about 24 hours)")
                .contains("Hello,");
        assertThat(email.text()).contains("\n" + link + "\n").startsWith("Hello,\n");
        assertThat(email.text().replace(link, "")).as("the token only inside its link").doesNotContain(TOKEN);
    }

    @Test
    void theResetEmailLinksToThePasswordFormAndEscapesTheName() {
        RenderedEmail email = renderer.render(NotificationRequested.resetPassword(UUID.randomUUID(), NOW,
                "ana@example.com", "<b>Ana</b>", "user-1", TOKEN, NOW.plus(Duration.ofMinutes(30))));

        String link = APP + "/#reset-password=" + TOKEN;
        assertThat(email.subject()).isEqualTo("Reset your Framesmith password");
        assertThat(email.html()).contains("href=\"" + link + "\"").contains("Hello &lt;b&gt;Ana&lt;/b&gt;,")
                .contains("(in about 30 minutes)").doesNotContain("<b>Ana");
        assertThat(email.text()).contains(link).startsWith("Hello <b>Ana</b>,");
    }

    @Test
    void anAccountTokenThatCannotMakeALinkIsRefused() {
        assertThatThrownBy(() -> renderer.render(NotificationRequested.verifyEmail(UUID.randomUUID(), NOW,
                "ana@example.com", "user-1", "short\"><script>", NOW.plusSeconds(60))))
                .isInstanceOf(UnsafeContentException.class);
    }

    @Test
    void theAppUrlMustBeAWebLink() {
        assertThatThrownBy(() -> new NotificationRenderer("javascript:alert(1)", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static NotificationRequested ready(String name, String filename, Integer frames) {
        return new NotificationRequested(UUID.randomUUID(), NOW, 1,
                NotificationTemplate.VIDEO_READY, "ana@example.com", name, "user-1",
                "video-1", filename, frames, null, null, null);
    }

    private static NotificationRequested everyField(NotificationTemplate template) {
        return new NotificationRequested(UUID.randomUUID(), NOW, 1, template, "ana@example.com", "Ana", "user-1",
                "video-1", "clip.mp4", 2, "The file is damaged.", TOKEN, NOW.plusSeconds(3600));
    }

    private static NotificationRequested failed(String name, String filename, String reason) {
        return NotificationRequested.videoFailed(UUID.randomUUID(), "ana@example.com", name, "user-1", "video-1",
                filename, reason);
    }
}
