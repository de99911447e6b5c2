package dev.framesmith.auth.token;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.framesmith.auth.user.Users;
import dev.framesmith.support.security.TokenClaims;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The keys, and the decoder this service checks tokens with: its own published keys, so {@code /auth/me},
 * {@code /auth/refresh} and {@code /auth/validate} need no call to the service's own JWK set. It replaces the
 * resource server's decoder from service-support and applies the same rules (RS256 only, expiry, issuer, an
 * audience of ms-auth's, a subject), plus a published {@code kid} and, for user tokens, the user's current token
 * version: a token issued before a password reset is refused here at once.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    TokenKeys tokenKeys(TokenProperties properties) {
        return SigningKeys.keys(properties);
    }

    @Bean
    SigningKey signingKey(TokenKeys keys) {
        return keys.signing();
    }

    @Bean
    JwtDecoder jwtDecoder(TokenKeys keys, TokenProperties properties, Users users, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.jwkSet()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        Set<String> audiences = Set.of(TokenClaims.USER_AUDIENCE, TokenClaims.SERVICE_AUDIENCE);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                        aud -> aud instanceof Collection<?> named && named.stream().anyMatch(audiences::contains)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                keyIdValidator(keys),
                new TokenVersionValidator(users)));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> keyIdValidator(TokenKeys keys) {
        Set<String> published = keys.jwkSet().getKeys().stream().map(key -> key.getKeyID())
                .collect(Collectors.toUnmodifiableSet());
        OAuth2TokenValidatorResult unknownKey = OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names an unknown signing key", null));
        return jwt -> published.contains(String.valueOf(jwt.getHeaders().get("kid")))
                ? OAuth2TokenValidatorResult.success() : unknownKey;
    }

    /** A user token (one with an e-mail) is valid only with the user's current token version. */
    static final class TokenVersionValidator implements OAuth2TokenValidator<Jwt> {

        private static final OAuth2TokenValidatorResult REVOKED = OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has been revoked", null));

        private final Users users;

        TokenVersionValidator(Users users) {
            this.users = users;
        }

        @Override
        public OAuth2TokenValidatorResult validate(Jwt jwt) {
            if (!jwt.hasClaim(TokenClaims.EMAIL)) {
                return OAuth2TokenValidatorResult.success();
            }
            Object version = jwt.getClaim(TokenClaims.TOKEN_VERSION);
            return users.findById(jwt.getSubject())
                    .filter(user -> version instanceof Number number && number.longValue() == user.tokenVersion())
                    .map(user -> OAuth2TokenValidatorResult.success())
                    .orElse(REVOKED);
        }
    }
}
