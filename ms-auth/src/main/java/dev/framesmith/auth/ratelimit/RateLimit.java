package dev.framesmith.auth.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * At most {@code max} counted requests within any sliding {@code window}. A configured limit replaces its default
 * whole, so both are given together.
 *
 * @param max    requests allowed within the window, 1 to 100000
 * @param window how long a request counts, at least one second and at most 7 days
 */
public record RateLimit(@Min(1) @Max(100_000) int max, Duration window) {

    public RateLimit {
        if (window == null) {
            throw new IllegalArgumentException("a rate limit is set whole: its max and its window");
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("a rate limit's window must be between one second and 7 days");
        }
    }

    @Override
    public String toString() {
        return max + " per " + window;
    }
}
