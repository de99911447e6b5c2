package dev.framesmith.auth.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A required password whose UTF-8 encoding is {@code min} to {@code max} bytes long. bcrypt reads
 * at most 72 bytes, so a longer password could not be told apart from its first 72 bytes. A new password must
 * also hold a visible character: one made only of spaces (of any kind) or invisible formatting is refused.
 */
@Documented
@Constraint(validatedBy = PasswordLengthValidator.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface PasswordLength {

    int min() default 8;

    int max() default 72;

    /** Accept a password without a visible character: for logins, which check what was chosen before the rule. */
    boolean allowInvisible() default false;

    String message() default "has an invalid length";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
