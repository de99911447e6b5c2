package dev.framesmith.support.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies access tokens.
 *
 * @param jwksUri          ms-auth's JWK set, e.g. {@code http://ms-auth:8081/auth/.well-known/jwks.json}
 * @param publicKey        an RSA public key (PEM), used when no JWK set URI is given
 * @param issuer           the required {@code iss} claim
 * @param audiences        the {@code aud} claim must name one of them: {@link TokenClaims#USER_AUDIENCE} for the
 *                         public API (the default), {@link TokenClaims#SERVICE_AUDIENCE} for an internal one
 * @param publicPaths      Ant patterns that need no token (health and API docs are always public)
 * @param queryTokenPaths  Ant patterns of the GET endpoints that also accept {@code ?access_token=}, for browsers'
 *                         EventSource; everywhere else a token in the query string is ignored
 * @param cacheSize        how many verified tokens are remembered, so that a token's signature is checked once
 *                         rather than on every request (see {@link VerifiedTokenCache}); 0 checks every request
 * @param revocationUri    ms-auth's {@code POST /auth/validate}, e.g. {@code http://ms-auth:8081/auth/validate}:
 *                         when set, a user token accepted here is asked about there again at most every
 *                         {@code revocationCheckEvery}, so that a password reset ends it here within that time
 *                         (see {@link RevocationCheck}); unset, a token lives here until it expires
 * @param revocationCheckEvery how long a token's answer from ms-auth holds, 1 second to 15 minutes
 */
@ConfigurationProperties("framesmith.security.jwt")
public record JwtProperties(
        URI jwksUri,
        String publicKey,
        @DefaultValue("framesmith") String issuer,
        @DefaultValue(TokenClaims.USER_AUDIENCE) List<String> audiences,
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<String> queryTokenPaths,
        @DefaultValue("10000") int cacheSize,
        URI revocationUri,
        @DefaultValue("30s") Duration revocationCheckEvery) {

    public JwtProperties {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("framesmith.security.jwt.cache-size must not be negative");
        }
        if (revocationCheckEvery.compareTo(Duration.ofSeconds(1)) < 0
                || revocationCheckEvery.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException(
                    "framesmith.security.jwt.revocation-check-every must be between 1 second and 15 minutes");
        }
    }
}
