package dev.framesmith.auth.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PersonNameValidator implements ConstraintValidator<PersonName, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return Violations.report(context, "is required");
        }
        String name = value.strip();
        if (name.codePointCount(0, name.length()) > PersonName.MAX_LENGTH) {
            return Violations.report(context, "must be at most " + PersonName.MAX_LENGTH + " characters");
        }
        if (Violations.hasLoneSurrogate(value)) {
            return Violations.report(context, "must be valid Unicode text");
        }
        if (value.codePoints().anyMatch(PersonNameValidator::isControl)) {
            return Violations.report(context, "must not contain control characters");
        }
        return true;
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
