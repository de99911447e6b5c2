package dev.framesmith.notify.templates;

/** An e-mail ready to send: a one-line subject, an HTML part and a plain-text part. */
public record RenderedEmail(String subject, String html, String text) {
}
