package dev.framesmith.video.web;

import dev.framesmith.support.web.FieldError;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.support.web.Problems;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The 400 {@code validation} problem, for input checked by hand (multipart fields, query parameters). */
public final class InvalidInput {

    private InvalidInput() {
    }

    public static ProblemException of(List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request",
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.")
                .with("errors", List.copyOf(errors));
    }

    public static ProblemException of(String field, String message) {
        return of(List.of(new FieldError(field, message)));
    }
}
