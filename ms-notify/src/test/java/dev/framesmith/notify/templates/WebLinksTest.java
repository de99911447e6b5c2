package dev.framesmith.notify.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebLinksTest {

    @Test
    void acceptsAbsoluteHttpAndHttpsUrlsOnly() {
        assertThat(WebLinks.isWebLink("https://example.com/a?b=c&d=%20")).isTrue();
        assertThat(WebLinks.isWebLink("http://127.0.0.1:9000/bucket/key")).isTrue();

        assertThat(WebLinks.isWebLink(null)).isFalse();
        assertThat(WebLinks.isWebLink("")).isFalse();
        assertThat(WebLinks.isWebLink("javascript:alert(1)")).isFalse();
        assertThat(WebLinks.isWebLink("https:alert(1)")).isFalse();
        assertThat(WebLinks.isWebLink("//example.com/x")).isFalse();
        assertThat(WebLinks.isWebLink("https://example.com/\u0000")).isFalse();
        assertThat(WebLinks.isWebLink("https://example.com/" + "a".repeat(WebLinks.MAX_LENGTH))).isFalse();
    }
}
