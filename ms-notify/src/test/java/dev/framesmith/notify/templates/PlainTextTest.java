package dev.framesmith.notify.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void removesControlAndDirectionCharactersAndCollapsesWhitespace() {
        assertThat(PlainText.clean(" a\r\n\tb\u0000c\u202Ed\u2066e  ")).isEqualTo("a b c d e");
        assertThat(PlainText.clean(null)).isEmpty();
    }

    @Test
    void shortensWithoutSplittingACharacter() {
        assertThat(PlainText.clean("abcdef", 4)).isEqualTo("abc…");
        assertThat(PlainText.clean("ab\uD83C\uDFACcd", 4)).isEqualTo("ab…");
        assertThat(PlainText.clean("abcd", 4)).isEqualTo("abcd");
    }
}
