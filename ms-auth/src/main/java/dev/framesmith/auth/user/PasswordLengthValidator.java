package dev.framesmith.auth.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.StandardCharsets;

public class PasswordLengthValidator implements ConstraintValidator<PasswordLength, String> {

    private int min;
    private int max;
    private boolean allowInvisible;

    @Override
    public void initialize(PasswordLength annotation) {
        this.min = annotation.min();
        this.max = annotation.max();
        this.allowInvisible = annotation.allowInvisible();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isEmpty()) {
            return Violations.report(context, "is required");
        }
        if (Violations.hasLoneSurrogate(value)) {
            return Violations.report(context, "must be valid Unicode text");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < min || bytes > max) {
            String range = min <= 1 ? "at most " + max : "between " + min + " and " + max;
            return Violations.report(context, "must be " + range + " bytes long in UTF-8");
        }
        if (!allowInvisible && value.codePoints().noneMatch(PasswordLengthValidator::isVisible)) {
            return Violations.report(context, "must contain a character other than spaces");
        }
        return true;
    }

    private static boolean isVisible(int codePoint) {
        int type = Character.getType(codePoint);
        return !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint) && type != Character.CONTROL
                && type != Character.FORMAT;
    }
}
