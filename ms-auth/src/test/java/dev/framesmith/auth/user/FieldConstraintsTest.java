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

    record Login(@PasswordLength(min = 1) String password) {
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
