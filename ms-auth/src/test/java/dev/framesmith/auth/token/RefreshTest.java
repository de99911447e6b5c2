package dev.framesmith.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.auth.TestKeys;
import dev.framesmith.testsupport.Api;
import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A short-lived token is renewed without the password, saying what the account says now, within a session. */
class RefreshTest extends AuthIntegrationTest {

    @Test
    void aRefreshedTokenKeepsTheSessionStartAndTellsTheConfirmation() {
        String email = uniqueEmail();
        registered(email);
        String first = tokenFor(email);
        verify(email);
        clock.advance(Duration.ofMinutes(10));

        Api.Response refreshed = postWithToken("/auth/refresh", first);

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.headers().getCacheControl()).contains("no-store");
        assertThat(refreshed.json().path("expiresIn").asLong()).isEqualTo(900);
        JsonNode claims = claims(refreshed.json().path("accessToken").asString());
        assertThat(claims.path("email_verified").asBoolean()).isTrue();
        assertThat(claims.path("auth_time").asLong()).isEqualTo(claims(first).path("auth_time").asLong());
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims(first).path("exp").asLong());
    }

    @Test
    void aSessionOlderThanTwelveHoursIsNotRefreshed() {
        String email = uniqueEmail();
        String id = registered(email);
        Instant now = Instant.now();
        String old = Jwts.builder().header().keyId(TestKeys.KEY_ID).type("JWT").and()
                .issuer("framesmith").audience().add("framesmith-api").and().subject(id)
                .claim("email", email).claim("name", "Test User").claim("email_verified", false)
                .claim("token_version", 0).claim("auth_time", now.minus(Duration.ofHours(13)).getEpochSecond())
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(15))))
                .signWith(TestKeys.privateKey(), Jwts.SIG.RS256).compact();
        assertThat(api.get("/auth/me", old).status()).as("the token itself is valid").isEqualTo(200);

        assertProblem(postWithToken("/auth/refresh", old), 401, "session-expired");
    }

    @Test
    void onlyValidUserTokensAreRefreshed() {
        String service = api.postForm("/auth/token", java.util.Map.of("grant_type", "client_credentials",
                "client_id", TestKeys.CLIENT_ID, "client_secret", TestKeys.clientSecret()), null, null)
                .json().path("access_token").asString();

        assertProblem(postWithToken("/auth/refresh", service), 403, "forbidden");
        assertProblem(postWithToken("/auth/refresh", "garbage"), 401, "unauthorized");
        assertProblem(api.post("/auth/refresh", "application/json", ""), 401, "unauthorized");
    }
}
