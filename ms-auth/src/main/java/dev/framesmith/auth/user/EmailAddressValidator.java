package dev.framesmith.auth.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class EmailAddressValidator implements ConstraintValidator<EmailAddress, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return Violations.report(context, "is required");
        }
        String email = EmailAddresses.normalize(value);
        if (email.length() > EmailAddresses.MAX_LENGTH) {
            return Violations.report(context, "must be at most " + EmailAddresses.MAX_LENGTH + " characters");
        }
        return EmailAddresses.isValid(email) || Violations.report(context, "must be a valid e-mail address");
    }
}
