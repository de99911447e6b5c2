package dev.framesmith.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FieldConstraintsTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Form(@EmailAddress String email, @PasswordLength String password, @PersonName String name) {
    }

    record Login(@PasswordLength(min = 1, allowInvisible = true) String password) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aValidFormHasNoViolations() {
        assertThat(messages(new Form("  Ada@Example.com ", "12345678", "  Ada Lovelace "))).isEmpty();
    }

    @Test
    void missingFieldsAreRequired() {
        assertThat(messages(new Form(null, null, null)))
                .containsExactlyInAnyOrder("email: is required", "password: is required", "name: is required");
        assertThat(messages(new Form("   ", "", " \t "))).containsExactlyInAnyOrder("email: is required",
                "password: is required", "name: is required");
    }

    @Test
    void emailLengthIsCountedAfterTrimming() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".io";
        assertThat(email).hasSize(254);
        assertThat(messages(new Form("  " + email + "  ", "12345678", "Ada"))).isEmpty();
        assertThat(messages(new Form("x" + email, "12345678", "Ada")))
                .containsExactly("email: must be at most 254 characters");
        assertThat(messages(new Form("not-an-email", "12345678", "Ada")))
                .containsExactly("email: must be a valid e-mail address");
    }

    @Test
    void passwordLengthIsCountedInUtf8Bytes() {
        assertThat(messages(new Form("a@example.com", "1234567", "Ada")))
                .containsExactly("password: must be between 8 and 72 bytes long in UTF-8");
        assertThat(messages(new Form("a@example.com", "x".repeat(72), "Ada"))).isEmpty();
        assertThat(messages(new Form("a@example.com", "x".repeat(73), "Ada"))).hasSize(1);
        // 24 characters of 3 bytes each: 72 bytes, accepted; 25 of them are 75 bytes, refused.
        assertThat(messages(new Form("a@example.com", "€".repeat(24), "Ada"))).isEmpty();
        assertThat(messages(new Form("a@example.com", "€".repeat(25), "Ada"))).hasSize(1);
        // 4 characters of 2 bytes each: 8 bytes, accepted although only 4 characters long.
        assertThat(messages(new Form("a@example.com", "éééé", "Ada"))).isEmpty();
        assertThat(messages(new Form("a@example.com", "1234567\uD800", "Ada")))
                .containsExactly("password: must be valid Unicode text");
    }

    @Test
    void loginPasswordsOnlyHaveTheUpperLimit() {
        assertThat(messages(new Login("x"))).isEmpty();
        assertThat(messages(new Login("x".repeat(73)))).containsExactly("password: must be at most 72 bytes long in UTF-8");
        assertThat(messages(new Login(""))).containsExactly("password: is required");
        assertThat(messages(new Login("        "))).as("chosen before the rule; the login says whether it is right")
                .isEmpty();
    }

    @Test
    void aNewPasswordNeedsAVisibleCharacter() {
        for (String invisible : List.of(" ".repeat(10), "\t".repeat(8), "\u00a0\u2003\u3000\u2009\u00a0\u2003\u3000\u2009",
                "\u200b".repeat(8), "\u200e\u200f\u202e\u2066\u200e\u200f\u202e\u2066")) {
            assertThat(messages(new Form("a@example.com", invisible, "Ada"))).as(invisible.codePoints().boxed().toList()
                    .toString()).containsExactly("password: must contain a character other than spaces");
        }
        assertThat(messages(new Form("a@example.com", "       .", "Ada"))).isEmpty();
        assertThat(messages(new Form("a@example.com", " correct horse ", "Ada"))).isEmpty();
    }

    @Test
    void nameRefusesTextDirectionControls() {
        for (String name : List.of("Ada\u202Egnp.exe", "\u202ALeft", "Ada\u2066x\u2069", "Ada\u200F", "Ada\u061C")) {
            assertThat(messages(new Form("a@example.com", "12345678", name)))
                    .as(name).containsExactly("name: must not contain text-direction control characters");
        }
        assertThat(messages(new Form("a@example.com", "12345678", "\u0645\u062d\u0645\u062f \u0639\u0644\u064a")))
                .as("right-to-left text itself is a name").isEmpty();
        assertThat(messages(new Form("a@example.com", "12345678", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")))
                .as("a zero-width non-joiner inside a Persian name").isEmpty();
    }

    @Test
    void nameLengthIsCountedInCharactersAfterTrimming() {
        assertThat(messages(new Form("a@example.com", "12345678", " " + "n".repeat(100) + " "))).isEmpty();
        assertThat(messages(new Form("a@example.com", "12345678", "😀".repeat(100)))).isEmpty();
        assertThat(messages(new Form("a@example.com", "12345678", "n".repeat(101))))
                .containsExactly("name: must be at most 100 characters");
    }

    @Test
    void nameRefusesControlCharactersAndBrokenText() {
        for (String name : List.of("Ada\nLovelace", "Ada\u0000", "\u001bAda", "Ada\u2028Lovelace", "Ada\u007f")) {
            assertThat(messages(new Form("a@example.com", "12345678", name)))
                    .as(name).containsExactly("name: must not contain control characters");
        }
        assertThat(messages(new Form("a@example.com", "12345678", "Ada\uDC00")))
                .containsExactly("name: must be valid Unicode text");
        assertThat(messages(new Form("a@example.com", "12345678", "Robert'); DROP TABLE users;--"))).isEmpty();
    }

    private static List<String> messages(Object form) {
        return VALIDATOR.validate(form).stream()
                .map(FieldConstraintsTest::message)
                .toList();
    }

    private static String message(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + ": " + violation.getMessage();
    }
}
