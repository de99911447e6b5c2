package dev.framesmith.notify.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplateTest {

    @Test
    void fillsEveryPlaceholderInOnePass() {
        MailTemplate template = MailTemplate.of("t", "Hi {{name}}, see {{link}} and {{name}} again. $1 \\ {{ x }}");

        assertThat(template.placeholders()).containsExactly("link", "name");
        assertThat(template.render(Map.of("name", "{{link}} $2", "link", "L")))
                .isEqualTo("Hi {{link}} $2, see L and {{link}} $2 again. $1 \\ {{ x }}");
    }

    @Test
    void aMissingValueIsAnError() {
        MailTemplate template = MailTemplate.of("t", "Hi {{name}}");

        assertThatThrownBy(() -> template.render(Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name");
    }
}
