package dev.framesmith.auth.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A required, syntactically valid e-mail address of at most 254 characters once trimmed (see {@link EmailAddresses}). */
@Documented
@Constraint(validatedBy = EmailAddressValidator.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface EmailAddress {

    String message() default "must be a valid e-mail address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
