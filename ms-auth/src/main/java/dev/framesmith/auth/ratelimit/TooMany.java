package dev.framesmith.auth.ratelimit;

import dev.framesmith.support.web.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A 429 problem with {@code Retry-After} and {@code retryAfterSeconds}: whole seconds, rounded up, at least one. */
public final class TooMany {

    public static final String TOO_MANY_REQUESTS = "too-many-requests";

    private TooMany() {
    }

    /** Too many requests of one kind from one client address, or for one account. */
    public static ProblemException requests(Duration retryAfter) {
        return problem(TOO_MANY_REQUESTS, "Too many requests", "Too many requests of this kind. Try again in %d seconds.",
                retryAfter);
    }

    /** @param detail the explanation, with {@code %d} where the seconds go */
    public static ProblemException problem(String slug, String title, String detail, Duration retryAfter) {
        return ProblemException.retryLater(HttpStatus.TOO_MANY_REQUESTS, slug, title, detail, retryAfter);
    }
}
