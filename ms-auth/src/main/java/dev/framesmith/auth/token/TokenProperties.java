package dev.framesmith.auth.token;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are signed and what they say.
 *
 * @param issuer            the {@code iss} claim
 * @param ttl               how long a token is valid, 1 minute to 24 hours; also the longest a revoked token (after
 *                          a password reset) is still accepted by the other services
 * @param maxSession        how long after the password was given tokens may be refreshed, 1 hour to 30 days
 * @param privateKey        the RS256 signing key, PKCS#8 PEM ({@code FRAMESMITH_AUTH_TOKEN_PRIVATE_KEY})
 * @param keyId             the {@code kid} published with the key; its RFC 7638 thumbprint when not set
 * @param verificationKeys  further public keys published in the JWK set and accepted, but never signed with: the
 *                          next key before a rotation, the previous one after it
 * @param generateIfMissing without a configured key, generate one at start-up instead of failing (local runs
 *                          and tests only: tokens do not survive a restart and replicas disagree)
 */
@ConfigurationProperties("framesmith.auth.token")
@Validated
public record TokenProperties(
        @DefaultValue("framesmith") @NotBlank String issuer,
        @DefaultValue("15m") Duration ttl,
        @DefaultValue("12h") Duration maxSession,
        @Nullable String privateKey,
        @Nullable String keyId,
        @DefaultValue List<@Valid VerificationKey> verificationKeys,
        @DefaultValue("false") boolean generateIfMissing) {

    private static final Duration MIN_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_TTL = Duration.ofHours(24);

    public TokenProperties {
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("framesmith.auth.token.ttl must be between 1 minute and 24 hours");
        }
        if (maxSession.compareTo(Duration.ofHours(1)) < 0 || maxSession.compareTo(Duration.ofDays(30)) > 0
                || maxSession.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("framesmith.auth.token.max-session must be between 1 hour and 30 days"
                    + " and at least the ttl");
        }
        verificationKeys = List.copyOf(verificationKeys);
    }

    /**
     * A public key published beside the signing key ({@code framesmith.auth.token.verification-keys[n]}).
     *
     * @param publicKey the RSA public key, PEM ({@code -----BEGIN PUBLIC KEY-----}), at least 2048 bits
     * @param keyId     its {@code kid}; the RFC 7638 thumbprint when not set. A previous key keeps the kid it was
     *                  published under while it signed
     */
    public record VerificationKey(@NotBlank String publicKey, @Nullable String keyId) {
    }

    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    @Override
    public String toString() {
        return "TokenProperties[issuer=" + issuer + ", ttl=" + ttl + ", maxSession=" + maxSession + ", privateKey="
                + (hasPrivateKey() ? "(set)" : "(none)") + ", keyId=" + keyId + ", verificationKeys="
                + verificationKeys.size() + ", generateIfMissing=" + generateIfMissing + "]";
    }
}
