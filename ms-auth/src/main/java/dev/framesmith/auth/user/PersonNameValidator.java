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
        if (value.codePoints().anyMatch(PersonNameValidator::isBidiControl)) {
            return Violations.report(context, "must not contain text-direction control characters");
        }
        return true;
    }

    /**
     * The characters that reorder text when displayed (Unicode's Bidi_Control): a name with U+202E shows its end
     * first, in the page and in an e-mail. Joiners (U+200C, U+200D) stay allowed: names and emoji need them.
     */
    static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
