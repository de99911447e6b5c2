package dev.framesmith.support.web;

/** One invalid field in a {@code validation} problem's {@code errors} list. */
public record FieldError(String field, String message) {
}
