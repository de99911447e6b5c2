package dev.framesmith.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @Test
    void normalisingTrimsAndLowerCases() {
        assertThat(EmailAddresses.normalize("  Ada.Lovelace@Example.COM \t")).isEqualTo("ada.lovelace@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "a.b-c+tag@mail.example.co.uk", "o'hara@example.org",
            "x@xn--bcher-kva.example", "1234@123.example.io", "user_name@sub-domain.example.museum"})
    void acceptsCommonAddresses(String email) {
        assertThat(EmailAddresses.isValid(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "ada@", "ada@example", "ada@@example.com",
            "ada@exa mple.com", "ada lovelace@example.com", ".ada@example.com", "ada.@example.com",
            "ada..l@example.com", "ada@-example.com", "ada@example-.com", "ada@example..com", "ada@example.123",
            "ada@[127.0.0.1]", "\"ada\"@example.com", "ada@exämple.com", "ädä@example.com",
            "' or '1'='1", "admin'--", "x@example.com; drop table users"})
    void rejectsMalformedAddresses(String email) {
        assertThat(EmailAddresses.isValid(email)).isFalse();
    }

    @Test
    void limitsTheLengths() {
        String local64 = "a".repeat(64);
        assertThat(EmailAddresses.isValid(local64 + "@example.com")).isTrue();
        assertThat(EmailAddresses.isValid("a" + local64 + "@example.com")).isFalse();

        String domain = "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".example.com";
        String atLimit = "a".repeat(254 - domain.length() - 1) + "@" + domain;
        assertThat(atLimit).hasSize(254);
        assertThat(EmailAddresses.isValid(atLimit)).isTrue();
        assertThat(EmailAddresses.isValid("a" + atLimit)).isFalse();
    }
}
