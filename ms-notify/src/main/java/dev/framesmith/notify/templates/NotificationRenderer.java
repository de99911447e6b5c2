package dev.framesmith.notify.templates;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.notify.config.NotifyProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the e-mail for a notification from the templates under {@code classpath:mail/}. Every
 * value that came from a user (names, file names, reasons, links) is cleaned of control characters
 * and HTML-escaped in the HTML part; links are accepted only as absolute http(s) URLs.
 */
@Component
public class NotificationRenderer {

    static final int SUBJECT_NAME_LENGTH = 100;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter
            .ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Map<NotificationTemplate, Parts> templates = new EnumMap<>(NotificationTemplate.class);
    private final String appUrl;
    private final Clock clock;

    @Autowired
    public NotificationRenderer(NotifyProperties properties, Clock clock) {
        this(properties.appUrl(), clock);
    }

    NotificationRenderer(String appUrl, Clock clock) {
        if (!WebLinks.isWebLink(appUrl)) {
            throw new IllegalArgumentException("the app URL must be an absolute http(s) URL");
        }
        this.appUrl = appUrl;
        this.clock = clock;
        templates.put(NotificationTemplate.VIDEO_READY, Parts.load("video-ready"));
        templates.put(NotificationTemplate.VIDEO_FAILED, Parts.load("video-failed"));
    }

    /** Whether this version has a template for the notification; the consumer keeps the others for a later one. */
    public boolean renders(NotificationTemplate template) {
        return templates.containsKey(template);
    }

    public RenderedEmail render(NotificationRequested request) {
        Map<String, String> text = new HashMap<>();
        text.put("name", orDefault(PlainText.clean(request.recipientName(), 200), "there"));
        text.put("appUrl", appUrl);
        String filename = PlainText.clean(request.filename(), 255);
        String subject = switch (request.template()) {
            case VIDEO_READY -> videoReady(request, text);
            case VIDEO_FAILED -> videoFailed(request, text);
            case VERIFY_EMAIL, RESET_PASSWORD ->
                    throw new UnsafeContentException("no e-mail template for " + request.template() + " yet");
        };
        subject = PlainText.clean(subject);
        text.put("subject", subject);

        Map<String, String> html = new HashMap<>();
        text.forEach((key, value) -> html.put(key, HtmlUtils.htmlEscape(value)));
        text.put("video", filename.isEmpty() ? "your video" : "\"" + filename + "\"");
        html.put("video", filename.isEmpty() ? "your video" : "<strong>" + HtmlUtils.htmlEscape(filename) + "</strong>");

        Parts parts = templates.get(request.template());
        return new RenderedEmail(subject, parts.html().render(html), parts.text().render(text));
    }

    private String videoReady(NotificationRequested request, Map<String, String> values) {
        if (!WebLinks.isWebLink(request.downloadUrl())) {
            throw new UnsafeContentException("the download link is not an absolute http(s) URL");
        }
        if (request.downloadExpiresAt() == null) {
            throw new UnsafeContentException("the download link has no expiry");
        }
        values.put("downloadUrl", request.downloadUrl());
        values.put("expiresAt", EXPIRY.format(request.downloadExpiresAt()));
        values.put("expiresIn", expiresIn(request.downloadExpiresAt()));
        values.put("frames", frames(request.frameCount()));
        return "Your frames are ready: " + subjectName(request.filename());
    }

    private String videoFailed(NotificationRequested request, Map<String, String> values) {
        values.put("reason", orDefault(PlainText.clean(request.failureReason(), 1000),
                "The video could not be processed."));
        return "We could not process " + subjectName(request.filename());
    }

    private static String subjectName(String filename) {
        return orDefault(PlainText.clean(filename, SUBJECT_NAME_LENGTH), "your video");
    }

    private static String frames(Integer count) {
        if (count == null) {
            return "all extracted frames";
        }
        return count == 1 ? "1 frame" : count + " frames";
    }

    /** "in about 7 days", "in about 5 hours", "in about 40 minutes": rounded, relative to now; past links say so. */
    String expiresIn(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative() || left.isZero()) {
            return "this link has already expired: open the app to get a new one";
        }
        long minutes = Math.max(1, Math.round(left.toSeconds() / 60.0));
        if (minutes >= 36 * 60) {
            return "in about " + Math.round(minutes / 1440.0) + " days";
        }
        if (minutes >= 120) {
            return "in about " + Math.round(minutes / 60.0) + " hours";
        }
        return minutes == 1 ? "in about a minute" : "in about " + minutes + " minutes";
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private record Parts(MailTemplate html, MailTemplate text) {

        static Parts load(String name) {
            Parts parts = new Parts(MailTemplate.load("mail/" + name + ".html"), MailTemplate.load("mail/" + name + ".txt"));
            Set<String> known = Set.of("name", "appUrl", "subject", "video", "downloadUrl", "expiresAt", "expiresIn",
                    "frames", "reason");
            if (!known.containsAll(parts.html().placeholders()) || !known.containsAll(parts.text().placeholders())) {
                throw new IllegalStateException("mail template " + name + " uses an unknown placeholder");
            }
            return parts;
        }
    }
}
