package dev.framesmith.auth.user;

import jakarta.validation.ConstraintValidatorContext;

/** Replaces a constraint's default message with one that says which rule was broken. */
final class Violations {

    private Violations() {
    }

    /** Always {@code false}, so a validator can {@code return report(...)}. The message is a fixed text, never input. */
    static boolean report(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }

    /** Whether the text holds a lone UTF-16 surrogate, which has no UTF-8 encoding. */
    static boolean hasLoneSurrogate(String text) {
        return text.codePoints().anyMatch(codePoint -> Character.getType(codePoint) == Character.SURROGATE);
    }
}
