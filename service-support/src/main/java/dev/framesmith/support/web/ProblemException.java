package dev.framesmith.support.web;

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

    /** Adds an extension member to the problem, such as {@code retryAfterSeconds}. */
    public ProblemException with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }
}
