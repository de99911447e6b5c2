package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.problem;
import static dev.framesmith.local.e2e.Journeys.problemType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.AccountLinks;
import dev.framesmith.testsupport.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account across the services, through the gateway: ms-video refuses uploads until the address is confirmed
 * (which only ms-auth knows, told through the token), and a password reset revokes the tokens issued before, at
 * ms-auth at once and at ms-video within its revocation check period. The
 * links come from the e-mails in the local run's mailbox, as a person using the local run gets them.
 */
@ExtendWith(RunningSystem.class)
class AccountsIT {

    private static Api api;
    private static TestVideos videos;

    @BeforeAll
    static void connect() {
        api = new Api(RunningSystem.system().gateway());
        videos = new TestVideos(Journeys.workDir().resolve("accounts"));
    }

    @Test
    void uploadsWaitForTheConfirmedAddressAndAPasswordResetRevokesOlderTokens() {
        String email = "account-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        assertThat(api.postJson("/auth/register", null, Map.of("email", email, "password", password,
                "name", "Careful User")).status()).isEqualTo(201);
        String unconfirmed = Journeys.login(api, email, password);
        Path clip = videos.mp4("account-clip", 1);

        Api.Response refused = Journeys.upload(api, unconfirmed, List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of());
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(problemType(refused)).isEqualTo(problem("email-not-verified"));
        assertThat(api.get("/videos", unconfirmed).status()).as("looking is allowed").isEqualTo(200);

        Api.Response confirmed = api.postJson("/auth/verify-email", unconfirmed,
                Map.of("token", Mailbox.token(Journeys.mailbox().accountLink(email, AccountLinks.VERIFY_EMAIL))));
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        Api.Response refreshed = api.postJson("/auth/refresh", unconfirmed, Map.of());
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        String token = refreshed.json().path("accessToken").asString();
        Api.Response accepted = Journeys.upload(api, token, List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of());
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);

        assertThat(api.postJson("/auth/password-reset", null, Map.of("email", email)).status()).isEqualTo(202);
        Api.Response reset = api.postJson("/auth/password-reset/confirm", null, Map.of(
                "token", Mailbox.token(Journeys.mailbox().accountLink(email, AccountLinks.RESET_PASSWORD)),
                "password", "a new password " + UUID.randomUUID()));
        assertThat(reset.status()).as("%s", reset).isEqualTo(204);
        assertThat(api.get("/auth/me", token).status()).as("revoked at ms-auth at once").isEqualTo(401);
        assertThat(api.postJson("/auth/refresh", token, Map.of()).status()).as("and never refreshed").isEqualTo(401);
        // ms-video asks ms-auth about a token it accepted at most every 30 s (revocation-check-every).
        await("ms-video refuses the revoked token").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Api.Response revoked = api.get("/videos", token);
                    assertThat(revoked.status()).as("%s", revoked).isEqualTo(401);
                    assertThat(problemType(revoked)).isEqualTo(problem("unauthorized"));
                });
    }
}
