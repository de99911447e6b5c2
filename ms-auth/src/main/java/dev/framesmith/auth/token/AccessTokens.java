package dev.framesmith.auth.token;

import dev.framesmith.auth.user.User;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import org.springframework.stereotype.Component;

/** Issues RS256 access tokens: user tokens after a login, service tokens for the client-credentials grant. */
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

    /** A user's token: {@code sub} is the user id, with the user's {@code email} and {@code name}. */
    public AccessToken forUser(User user) {
        return sign(builder(user.id().toString())
                .claim("email", user.email())
                .claim("name", user.name()));
    }

    /** A service's token: {@code sub} and {@code client_id} are the client, {@code scope} its granted scopes. */
    public AccessToken forClient(String clientId, Collection<String> scopes) {
        return sign(builder(clientId)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes)));
    }

    private JwtBuilder builder(String subject) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return Jwts.builder()
                .header().keyId(key.keyId()).type("JWT").and()
                .issuer(properties.issuer())
                .subject(subject)
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(properties.ttl())));
    }

    private AccessToken sign(JwtBuilder builder) {
        return new AccessToken(builder.signWith(key.privateKey(), Jwts.SIG.RS256).compact(),
                properties.ttl().toSeconds());
    }
}
