package dev.framesmith.notify.templates;

import dev.framesmith.contracts.AccountLinks;
import dev.framesmith.contracts.NotificationField;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.contracts.VideoLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the e-mail for a notification from its template's files, {@code mail/<name>.html} (the body, set into
 * {@code mail/layout.html}, which every HTML e-mail shares) and {@code mail/<name>.txt}, whose first line is the
 * {@code Subject:}. Every template may use {@code name},
 * {@code appUrl}, {@code subject}, {@code video} and {@code frames}, plus the placeholders of the
 * fields it requires: {@code videoLink} (the video on the page); {@code reason}; {@code link} (the account link,
 * from the token); {@code linkExpiresAt} and {@code linkExpiresIn}. Every value that came from a
 * user (names, file names, reasons) is cleaned of control characters and HTML-escaped in the HTML part; links
 * are built here, from the app's URL and ids or tokens of a checked form. Each template's files are loaded and checked at start-up: a template
 * without both files, or with a placeholder its fields do not fill, stops the service from starting.
 */
public class NotificationRenderer {

    private static final Set<String> COMMON = Set.of("name", "appUrl", "subject", "video", "frames");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter
            .ofPattern("EEEE d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Map<NotificationTemplate, Mail> templates = new EnumMap<>(NotificationTemplate.class);
    private final String appUrl;
    private final Clock clock;

    /** @param appUrl the link to the web app put into every e-mail */
    public NotificationRenderer(String appUrl, Clock clock) {
        if (!WebLinks.isWebLink(appUrl)) {
            throw new IllegalArgumentException("the app URL must be an absolute http(s) URL");
        }
        this.appUrl = appUrl;
        this.clock = clock;
        String layout = MailTemplate.read(Mail.LAYOUT);
        for (NotificationTemplate template : NotificationTemplate.values()) {
            templates.put(template, Mail.load(template, layout));
        }
    }

    public RenderedEmail render(NotificationRequested request) {
        Mail mail = templates.get(request.template());
        Map<String, String> text = values(request);
        String subject = mail.subject();
        text.put("subject", subject);

        Map<String, String> html = new HashMap<>();
        text.forEach((key, value) -> html.put(key, HtmlUtils.htmlEscape(value)));
        String filename = PlainText.clean(request.filename(), 255);
        text.put("video", filename.isEmpty() ? "your video" : "\"" + filename + "\"");
        html.put("video", filename.isEmpty() ? "your video" : "<strong>" + HtmlUtils.htmlEscape(filename) + "</strong>");
        return new RenderedEmail(subject, mail.html().render(html), mail.text().render(text));
    }

    /** The plain-text values of the placeholders the notification's template may use, but the subject. */
    Map<String, String> values(NotificationRequested request) {
        Map<String, String> text = new HashMap<>();
        text.put("name", orDefault(PlainText.clean(request.recipientName(), 200), "there"));
        text.put("appUrl", appUrl);
        text.put("frames", frames(request.frameCount()));
        for (NotificationField field : request.template().requiredFields()) {
            text.putAll(values(request.template(), field, field.valueIn(request)));
        }
        return text;
    }

    /** The placeholders a required field fills, from its value (present: the template requires it). */
    private Map<String, String> values(NotificationTemplate template, NotificationField field, Object value) {
        return switch (field) {
            case VIDEO_ID -> Map.of("videoLink", videoLink((String) value));
            case FAILURE_REASON -> Map.of("reason", orDefault(PlainText.clean((String) value, 1000),
                    "The video could not be processed."));
            case FRAME_COUNT -> Map.of("frames", frames((Integer) value));
            case ACCOUNT_TOKEN -> Map.of("link", accountLink(template, (String) value));
            case ACCOUNT_TOKEN_EXPIRES_AT -> Map.of("linkExpiresAt", EXPIRY.format((Instant) value),
                    "linkExpiresIn", expiresIn((Instant) value));
            case USER_ID -> Map.of();
        };
    }

    private String videoLink(String videoId) {
        try {
            return VideoLinks.download(appUrl, videoId);
        } catch (IllegalArgumentException e) {
            throw new UnsafeContentException("the video id cannot make a link: " + e.getMessage());
        }
    }

    private String accountLink(NotificationTemplate template, String token) {
        try {
            return AccountLinks.link(template, appUrl, token);
        } catch (IllegalArgumentException e) {
            throw new UnsafeContentException("the account token cannot make a link: " + e.getMessage());
        }
    }

    /** The placeholders {@link #values} gives a field. */
    private static List<String> placeholders(NotificationField field) {
        return switch (field) {
            case VIDEO_ID -> List.of("videoLink");
            case FAILURE_REASON -> List.of("reason");
            case FRAME_COUNT -> List.of("frames");
            case ACCOUNT_TOKEN -> List.of("link");
            case ACCOUNT_TOKEN_EXPIRES_AT -> List.of("linkExpiresAt", "linkExpiresIn");
            case USER_ID -> List.of();
        };
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

    /**
     * A template's subject line: fixed text. Nothing a user typed (a file name, a display name) ever goes into a
     * subject, which a mail client shows before anything else and which phishing would use; such values stay in the
     * body, escaped.
     */
    static String fixedSubject(String template, String line) {
        if (!MailTemplate.of(template + " subject", line).placeholders().isEmpty() || line.isBlank()) {
            throw new IllegalStateException("mail template " + template + ": the subject must be fixed text, without"
                    + " placeholders: " + line);
        }
        return line.strip();
    }

    /** A template's subject, HTML part and text part. */
    private record Mail(String subject, MailTemplate html, MailTemplate text) {

        private static final String SUBJECT = "Subject: ";
        /** The HTML around every template's HTML part: the page, its title (the subject) and the card. */
        static final String LAYOUT = "mail/layout.html";
        private static final String CONTENT = "{{content}}";

        /** The template's files, checked: a template without them, or with a placeholder it cannot fill, fails. */
        static Mail load(NotificationTemplate template, String layout) {
            String base = "mail/" + template.fileName();
            if (!MailTemplate.exists(base + ".txt") || !MailTemplate.exists(base + ".html")) {
                throw new IllegalStateException("mail template " + template + " needs both " + base + ".txt and "
                        + base + ".html");
            }
            String source = MailTemplate.read(base + ".txt");
            int firstLine = source.indexOf('\n');
            if (!source.startsWith(SUBJECT) || firstLine < 0) {
                throw new IllegalStateException("mail template " + base + ".txt must start with a Subject: line");
            }
            Mail mail = new Mail(fixedSubject(base, source.substring(SUBJECT.length(), firstLine)),
                    MailTemplate.of(base + ".html", layout.replace(CONTENT, MailTemplate.read(base + ".html"))),
                    MailTemplate.of(base + ".txt", source.substring(firstLine + 1).stripLeading()));
            Set<String> allowed = new HashSet<>(COMMON);
            template.requiredFields().forEach(field -> allowed.addAll(placeholders(field)));
            for (MailTemplate part : List.of(mail.html(), mail.text())) {
                if (!allowed.containsAll(part.placeholders())) {
                    throw new IllegalStateException("mail template " + base + " uses a placeholder its fields do"
                            + " not fill: " + part.placeholders());
                }
            }
            return mail;
        }
    }
}
