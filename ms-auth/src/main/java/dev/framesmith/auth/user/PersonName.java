package dev.framesmith.auth.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A required display name: 1 to 100 characters once trimmed, without control or text-direction characters. */
@Documented
@Constraint(validatedBy = PersonNameValidator.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface PersonName {

    int MAX_LENGTH = 100;

    String message() default "must be a valid name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
