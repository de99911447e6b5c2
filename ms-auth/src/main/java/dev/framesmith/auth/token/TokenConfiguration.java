package dev.framesmith.auth.token;

import java.time.Clock;
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
 * The signing key, and the decoder this service checks tokens with: its own public key, so
 * {@code /auth/me} and {@code /auth/validate} need no call to the service's own JWK set. It replaces
 * the resource server's decoder from service-support and applies the same rules (RS256 only, expiry,
 * issuer, a subject), plus the {@code kid} of the key, on this service's clock.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    SigningKey signingKey(TokenProperties properties) {
        return SigningKeys.from(properties);
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKey key, TokenProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                keyIdValidator(key.keyId())));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> keyIdValidator(String keyId) {
        OAuth2TokenValidatorResult unknownKey = OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names an unknown signing key", null));
        return jwt -> keyId.equals(jwt.getHeaders().get("kid")) ? OAuth2TokenValidatorResult.success() : unknownKey;
    }
}
