package dev.framesmith.testsupport;

import java.util.List;

/**
 * An e-mail the test back-end's SES received.
 *
 * @param from    sender address
 * @param to      recipients
 * @param subject subject line
 * @param html    HTML body, or {@code null}
 * @param text    plain-text body, or {@code null}
 */
public record SentEmail(String from, List<String> to, String subject, String html, String text) {

    public SentEmail {
        to = List.copyOf(to);
    }
}
