package dev.framesmith.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.auth.TestKeys;
import dev.framesmith.testsupport.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Registration and the token endpoint cost a bcrypt each: a client address gets only so many of them. */
class RateLimitTest extends AuthIntegrationTest {

    @Test
    void registrationsAreCountedPerClientAddressBeforeTheBodyIsRead() {
        for (int i = 0; i < REGISTRATIONS_PER_ADDRESS; i++) {
            assertProblem(api.postJson("/auth/register", Api.body()), 400, "validation");
        }

        Api.Response refused = register(uniqueEmail(), PASSWORD, "Late Comer");

        assertProblem(refused, 429, "too-many-requests");
        long retryAfter = Long.parseLong(refused.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(Duration.ofMinutes(59).toSeconds(), Duration.ofHours(1).toSeconds());
        assertThat(refused.json().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertProblem(api.post("/auth/register", "application/json", "not even JSON"), 429, "too-many-requests");
        assertThat(api.from(randomAddress()).postJson("/auth/register", Api.body("email", uniqueEmail(),
                "password", PASSWORD, "name", "Elsewhere")).status()).isEqualTo(201);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(register(uniqueEmail(), PASSWORD, "Next Hour").status()).isEqualTo(201);
    }

    @Test
    void tokenRequestsAreCountedPerClientAddressEvenWithTheRightSecret() {
        for (int i = 0; i < 30; i++) {
            assertProblem(api.postForm("/auth/token", Map.of("grant_type", "client_credentials",
                    "client_id", TestKeys.CLIENT_ID, "client_secret", "guess " + i), null, null), 401,
                    "invalid-client");
        }

        Api.Response refused = api.postForm("/auth/token", Map.of("grant_type", "client_credentials",
                "client_id", TestKeys.CLIENT_ID, "client_secret", TestKeys.clientSecret()), null, null);

        assertProblem(refused, 429, "too-many-requests");
        assertThat(api.from(randomAddress()).postForm("/auth/token", Map.of("grant_type", "client_credentials",
                "client_id", TestKeys.CLIENT_ID, "client_secret", TestKeys.clientSecret()), null, null).status())
                .isEqualTo(200);
    }

    @Test
    void theApiDocumentShowsTheLimitsAnswer() {
        JsonNode paths = api.get("/v3/api-docs").json().path("paths");

        for (String path : new String[] {"/auth/register", "/auth/token", "/auth/password-reset",
                "/auth/verify-email/resend"}) {
            JsonNode limited = paths.path(path).path("post").path("responses").path("429");
            assertThat(limited.path("description").asString()).as(path).contains("`too-many-requests`");
            assertThat(limited.path("headers").has("Retry-After")).as(path).isTrue();
        }
    }
}
