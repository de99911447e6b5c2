package dev.framesmith.auth.ratelimit;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes counted requests older than the longest window, so the table stays small. */
@Component
class RateLimitSweeper {

    private static final Logger log = LoggerFactory.getLogger(RateLimitSweeper.class);

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final Clock clock;

    RateLimitSweeper(RateLimiter limiter, RateLimitProperties properties, Clock clock) {
        this.limiter = limiter;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
    void sweep() {
        int removed = limiter.purgeBefore(clock.instant().minus(properties.longestWindow()));
        if (removed > 0) {
            log.debug("Removed {} expired rate-limit entries", removed);
        }
    }
}
