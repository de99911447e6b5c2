package dev.framesmith.support.web;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * Thrown by a feature to answer with a problem of its own type, e.g.
 * {@code new ProblemException(HttpStatus.CONFLICT, "email-taken", "E-mail already registered", "...")}.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatusCode status, String slug, String title, String detail) {
        super(status, Problems.of(status, slug, title, detail), null);
    }

    /** The 400 {@code validation} problem listing each invalid field, for input checked by hand. */
    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request",
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.")
                .with("errors", List.copyOf(errors));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /**
     * A problem worth retrying later: {@code Retry-After} and the extension {@code retryAfterSeconds} say when, in
     * whole seconds, rounded up, at least one.
     *
     * @param detail the explanation, with {@code %d} where the seconds go
     */
    public static ProblemException retryLater(HttpStatusCode status, String slug, String title, String detail,
            Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
        ProblemException problem = new ProblemException(status, slug, title, detail.formatted(seconds))
                .with("retryAfterSeconds", seconds);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }

    /** Adds an extension member to the problem, such as {@code retryAfterSeconds}. */
    public ProblemException with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }
}
