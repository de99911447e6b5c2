package dev.framesmith.auth.login;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes failed logins that have left the window, so the table stays small. */
@Component
class LoginFailureSweeper {

    private static final Logger log = LoggerFactory.getLogger(LoginFailureSweeper.class);

    private final LoginFailures failures;
    private final Duration window;
    private final Clock clock;

    LoginFailureSweeper(LoginFailures failures, LoginProperties properties, Clock clock) {
        this.failures = failures;
        this.window = properties.lockout().window();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
    void sweep() {
        int removed = failures.purgeBefore(clock.instant().minus(window));
        if (removed > 0) {
            log.debug("Removed {} expired login failures", removed);
        }
    }
}
