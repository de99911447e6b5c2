package dev.framesmith.auth.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of the links in the account e-mails.
 *
 * @param verificationTtl  how long an address-verification link works, 10 minutes to 7 days
 * @param passwordResetTtl how long a password-reset link works, 5 minutes to 24 hours
 */
@ConfigurationProperties("framesmith.auth.account")
public record AccountProperties(
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("30m") Duration passwordResetTtl) {

    public AccountProperties {
        within(verificationTtl, Duration.ofMinutes(10), Duration.ofDays(7), "verification-ttl");
        within(passwordResetTtl, Duration.ofMinutes(5), Duration.ofHours(24), "password-reset-ttl");
    }

    private static void within(Duration value, Duration min, Duration max, String name) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("framesmith.auth.account." + name + " must be between " + min
                    + " and " + max);
        }
    }
}
