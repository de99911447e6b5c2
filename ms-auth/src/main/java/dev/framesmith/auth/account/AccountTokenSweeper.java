package dev.framesmith.auth.account;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes account tokens nobody used before they expired. */
@Component
class AccountTokenSweeper {

    private static final Logger log = LoggerFactory.getLogger(AccountTokenSweeper.class);

    private final AccountTokens tokens;
    private final Clock clock;

    AccountTokenSweeper(AccountTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
    void sweep() {
        int removed = tokens.purgeExpired(clock.instant());
        if (removed > 0) {
            log.debug("Removed {} expired account tokens", removed);
        }
    }
}
