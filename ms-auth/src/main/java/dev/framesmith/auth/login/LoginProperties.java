package dev.framesmith.auth.login;

import dev.framesmith.auth.ratelimit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login protection ({@code framesmith.auth.login}): nothing here ever refuses an account's owner at an address
 * they have logged in from before, except their own mistakes there.
 *
 * @param freeFailures      failures of one account from one client address before delays start
 * @param baseDelay         the wait after the first failure beyond the free ones; each further failure doubles it
 * @param maxDelay          the longest wait between two attempts of one account from one address
 * @param failureWindow     how long a failure counts towards the delays of its account and address
 * @param perAddress        failures from one client address, across accounts
 * @param perAccount        failures for one account from all client addresses: the budget of a distributed guess;
 *                          it does not apply at the account's known addresses
 * @param knownAddressTtl   how long after a successful login, or a password reset completed there, an address stays
 *                          known to the account
 * @param maxKnownAddresses addresses kept per account, the most recent ones
 */
@ConfigurationProperties("framesmith.auth.login")
@Validated
public record LoginProperties(
        @DefaultValue("3") @Min(0) @Max(100) int freeFailures,
        @DefaultValue("1s") Duration baseDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("1h") Duration failureWindow,
        @Valid RateLimit perAddress,
        @Valid RateLimit perAccount,
        @DefaultValue("30d") Duration knownAddressTtl,
        @DefaultValue("10") @Min(1) @Max(100) int maxKnownAddresses) {

    public LoginProperties {
        perAddress = perAddress == null ? new RateLimit(20, Duration.ofMinutes(15)) : perAddress;
        perAccount = perAccount == null ? new RateLimit(100, Duration.ofDays(1)) : perAccount;
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("framesmith.auth.login: base-delay must be positive and at most "
                    + "max-delay");
        }
        if (failureWindow.compareTo(Duration.ofSeconds(1)) < 0 || knownAddressTtl.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("framesmith.auth.login: failure-window must be at least one second and "
                    + "known-address-ttl at least an hour");
        }
    }

    /** The wait after {@code failures} failures of one account from one address: none within the free ones. */
    Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        Duration delay = baseDelay;
        for (int i = freeFailures; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** How long a failure must be kept. */
    Duration longestWindow() {
        return Stream.of(failureWindow, perAddress.window(), perAccount.window())
                .max(Duration::compareTo).orElseThrow();
    }
}
