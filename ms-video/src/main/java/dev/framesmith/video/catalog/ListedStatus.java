package dev.framesmith.video.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A status the list can be filtered by: any but DELETED, which is never listed. */
@Documented
@Constraint(validatedBy = ListedStatus.Validator.class)
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface ListedStatus {

    String message() default "deleted videos are not listed";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ListedStatus, VideoStatus> {

        @Override
        public boolean isValid(VideoStatus status, ConstraintValidatorContext context) {
            return status != VideoStatus.DELETED;
        }
    }
}
