package dev.framesmith.auth.token;

import dev.framesmith.auth.user.User;
import dev.framesmith.support.security.TokenClaims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Issues RS256 access tokens: user tokens after a login or a refresh (audience {@code framesmith-api}), service
 * tokens for the client-credentials grant (audience {@code framesmith-services}).
 */
@Component
public class AccessTokens {

    private final SigningKey key;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokens(SigningKey key, TokenProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    /** A user's token after giving the password now. */
    public AccessToken forUser(User user) {
        return forUser(user, clock.instant());
    }

    /**
     * A user's token: {@code sub} is the user id, with the user's {@code email}, {@code name},
     * {@code email_verified} and {@code token_version}, and {@code auth_time}, when the password was given.
     */
    AccessToken forUser(User user, Instant authTime) {
        return sign(builder(user.id().toString(), TokenClaims.USER_AUDIENCE)
                .claim(TokenClaims.EMAIL, user.email())
                .claim(TokenClaims.NAME, user.name())
                .claim(TokenClaims.EMAIL_VERIFIED, user.emailVerified())
                .claim(TokenClaims.TOKEN_VERSION, user.tokenVersion())
                .claim(TokenClaims.AUTH_TIME, authTime.getEpochSecond()));
    }

    /** A service's token: {@code sub} and {@code client_id} are the client, {@code scope} its granted scopes. */
    public AccessToken forClient(String clientId, Collection<String> scopes) {
        return sign(builder(clientId, TokenClaims.SERVICE_AUDIENCE)
                .claim(TokenClaims.CLIENT_ID, clientId)
                .claim(TokenClaims.SCOPE, String.join(" ", scopes)));
    }

    private JwtBuilder builder(String subject, String audience) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return Jwts.builder()
                .header().keyId(key.keyId()).type("JWT").and()
                .issuer(properties.issuer())
                .audience().add(audience).and()
                .subject(subject)
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(properties.ttl())));
    }

    private AccessToken sign(JwtBuilder builder) {
        return new AccessToken(builder.signWith(key.privateKey(), Jwts.SIG.RS256).compact(),
                properties.ttl().toSeconds());
    }
}
