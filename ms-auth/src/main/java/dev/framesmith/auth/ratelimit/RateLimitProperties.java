package dev.framesmith.auth.ratelimit;

import jakarta.validation.Valid;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The request limits of ms-auth ({@code framesmith.auth.rate-limits.<name>.max} and {@code .window}). Those per
 * client address protect the CPU (bcrypt) and the mail budget; those per account bound the e-mails one account
 * can cause. Logins have their own protection ({@code framesmith.auth.login}).
 *
 * @param registration          registrations per client address
 * @param token                 client-credentials requests per client address
 * @param accountEmails         password-reset requests and "send again" per client address
 * @param verificationEmails    verification e-mails per account (the one sent at registration included)
 * @param passwordResetEmails   password-reset e-mails per account
 */
@ConfigurationProperties("framesmith.auth.rate-limits")
@Validated
public record RateLimitProperties(
        @Valid RateLimit registration,
        @Valid RateLimit token,
        @Valid RateLimit accountEmails,
        @Valid RateLimit verificationEmails,
        @Valid RateLimit passwordResetEmails) {

    public RateLimitProperties {
        registration = orDefault(registration, 10, Duration.ofHours(1));
        token = orDefault(token, 30, Duration.ofMinutes(1));
        accountEmails = orDefault(accountEmails, 10, Duration.ofHours(1));
        verificationEmails = orDefault(verificationEmails, 5, Duration.ofDays(1));
        passwordResetEmails = orDefault(passwordResetEmails, 5, Duration.ofDays(1));
    }

    private static RateLimit orDefault(RateLimit limit, int max, Duration window) {
        return limit == null ? new RateLimit(max, window) : limit;
    }

    /** The longest window: how long a counted request must be kept. */
    Duration longestWindow() {
        return Stream.of(registration, token, accountEmails, verificationEmails, passwordResetEmails)
                .map(RateLimit::window)
                .max(Duration::compareTo)
                .orElseThrow();
    }
}
