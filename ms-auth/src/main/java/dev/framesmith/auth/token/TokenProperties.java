package dev.framesmith.auth.token;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are signed and what they say.
 *
 * @param issuer            the {@code iss} claim
 * @param ttl               how long a token is valid, 1 minute to 24 hours
 * @param privateKey        the RS256 signing key, PKCS#8 PEM ({@code FRAMESMITH_AUTH_TOKEN_PRIVATE_KEY})
 * @param keyId             the {@code kid} published with the key; its RFC 7638 thumbprint when not set
 * @param generateIfMissing without a configured key, generate one at start-up instead of failing (local runs
 *                          and tests only: tokens do not survive a restart and replicas disagree)
 */
@ConfigurationProperties("framesmith.auth.token")
@Validated
public record TokenProperties(
        @DefaultValue("framesmith") @NotBlank String issuer,
        @DefaultValue("60m") Duration ttl,
        @Nullable String privateKey,
        @Nullable String keyId,
        @DefaultValue("false") boolean generateIfMissing) {

    private static final Duration MIN_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_TTL = Duration.ofHours(24);

    public TokenProperties {
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("framesmith.auth.token.ttl must be between 1 minute and 24 hours");
        }
    }

    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    @Override
    public String toString() {
        return "TokenProperties[issuer=" + issuer + ", ttl=" + ttl + ", privateKey="
                + (hasPrivateKey() ? "(set)" : "(none)") + ", keyId=" + keyId
                + ", generateIfMissing=" + generateIfMissing + "]";
    }
}
