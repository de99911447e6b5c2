package dev.framesmith.auth.login;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes failed logins that no longer count, and addresses no longer known, so the tables stay small. */
@Component
class LoginFailureSweeper {

    private static final Logger log = LoggerFactory.getLogger(LoginFailureSweeper.class);

    private final LoginFailures failures;
    private final KnownAddresses addresses;
    private final LoginProperties properties;
    private final Clock clock;

    LoginFailureSweeper(LoginFailures failures, KnownAddresses addresses, LoginProperties properties, Clock clock) {
        this.failures = failures;
        this.addresses = addresses;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
    void sweep() {
        Instant now = clock.instant();
        int removed = failures.purgeBefore(now.minus(properties.longestWindow()))
                + addresses.purgeBefore(now.minus(properties.knownAddressTtl()));
        if (removed > 0) {
            log.debug("Removed {} expired login failures and known addresses", removed);
        }
    }
}
