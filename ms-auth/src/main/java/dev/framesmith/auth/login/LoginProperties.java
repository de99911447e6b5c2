package dev.framesmith.auth.login;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling.
 *
 * @param trustForwardedFor take the client's address from {@code X-Forwarded-For} (the entry added by the
 *                          nearest proxy); only behind a proxy that sets it, since clients can forge it
 * @param lockout           how many failures lock logins, and for how long failures count
 */
@ConfigurationProperties("framesmith.auth")
@Validated
public record LoginProperties(
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue @Valid Lockout lockout) {

    /**
     * @param maxFailuresPerEmail   failures for one e-mail address within the window that lock it
     * @param maxFailuresPerAddress failures from one client address within the window that lock it
     * @param window                how long a failure counts (sliding)
     */
    public record Lockout(
            @DefaultValue("5") @Min(1) @Max(1000) int maxFailuresPerEmail,
            @DefaultValue("20") @Min(1) @Max(100000) int maxFailuresPerAddress,
            @DefaultValue("15m") Duration window) {

        public Lockout {
            if (window.isNegative() || window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("framesmith.auth.lockout.window must be at least one second");
            }
        }
    }
}
