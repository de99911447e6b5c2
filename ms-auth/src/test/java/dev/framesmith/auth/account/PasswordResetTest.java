package dev.framesmith.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.auth.NotificationsQueue;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.testsupport.Api;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forgotten password is replaced through a single-use, expiring link sent to the confirmed address. */
class PasswordResetTest extends AuthIntegrationTest {

    private static final String NEW_PASSWORD = "a brand new password";

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressHasAnAccount() {
        String email = uniqueEmail();
        registered(email);
        verify(email);
        String nobody = uniqueEmail();

        Api.Response known = api.postJson("/auth/password-reset", Api.body("email", email));
        Api.Response unknown = api.postJson("/auth/password-reset", Api.body("email", nobody));

        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.headers().toSingleValueMap().keySet()).isEqualTo(known.headers().toSingleValueMap().keySet());
        NotificationRequested reset = notifications.next(email, NotificationTemplate.RESET_PASSWORD);
        assertThat(reset.recipientName()).isEqualTo("Test User");
        assertThat(reset.accountTokenExpiresAt()).isBefore(java.time.Instant.now().plus(Duration.ofMinutes(31)));
        awaitOutboxSent();
        assertThat(notifications.to(nobody)).isEmpty();
    }

    @Test
    void theLinkSetsANewPasswordOnceAndTheOldOneStopsWorking() {
        String email = uniqueEmail();
        String token = resetToken(email);

        Api.Response reset = api.postJson("/auth/password-reset/confirm", Api.body("token", token,
                "password", NEW_PASSWORD));

        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertProblem(login(email, PASSWORD), 401, "invalid-credentials");
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
        assertProblem(api.postJson("/auth/password-reset/confirm", Api.body("token", token, "password",
                "yet another password")), 400, "invalid-link");
    }

    @Test
    void anUnconfirmedAddressGetsAResetLinkThatNamesNobody() {
        String email = uniqueEmail();
        registered(email);
        verificationToken(email);

        assertThat(api.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);

        NotificationRequested reset = notifications.next(email, NotificationTemplate.RESET_PASSWORD);
        assertThat(reset.accountToken()).isNotBlank();
        assertThat(reset.recipientName()).as("a name typed by whoever registered the address").isNull();
        awaitOutboxSent();
        assertThat(notifications.to(email)).as("the registration's verification and the reset").hasSize(2);
    }

    @Test
    void theOwnerOfAnAddressSomeoneElseRegisteredTakesTheAccountOverWithAReset() {
        String email = uniqueEmail();
        registered(email);
        String registrantsToken = tokenFor(email);

        Api owner = api.from(randomAddress());
        assertThat(owner.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        String token = notifications.next(email, NotificationTemplate.RESET_PASSWORD).accountToken();
        Api.Response reset = owner.postJson("/auth/password-reset/confirm", Api.body("token", token,
                "password", NEW_PASSWORD));

        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertProblem(login(email, PASSWORD), 401, "invalid-credentials");
        assertProblem(api.get("/auth/me", registrantsToken), 401, "unauthorized");
        assertProblem(postWithToken("/auth/refresh", registrantsToken), 401, "unauthorized");
        Api.Response loggedIn = owner.postJson("/auth/login", Api.body("email", email, "password", NEW_PASSWORD));
        assertThat(loggedIn.status()).as(loggedIn.body()).isEqualTo(200);
        String owners = loggedIn.json().path("accessToken").asString();
        assertThat(claims(owners).path("email_verified").asBoolean()).as("the reset proved the mailbox").isTrue();
        assertThat(api.get("/auth/me", owners).json().path("emailVerified").asBoolean()).isTrue();
        assertThat(claims(owners).path("name").asString()).as("the registrant's name went with the account")
                .isEqualTo("Framesmith user");
        assertThat(api.get("/auth/me", owners).json().path("name").asString()).isEqualTo("Framesmith user");
        assertThat(owner.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        assertThat(notifications.next(email, NotificationTemplate.RESET_PASSWORD).recipientName())
                .isEqualTo("Framesmith user");

        Api.Response renamed = api.send(api.request("/auth/me", owners, "Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Grace Hopper\"}")));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Grace Hopper");
        String refreshed = postWithToken("/auth/refresh", owners).json().path("accessToken").asString();
        assertThat(claims(refreshed).path("name").asString()).isEqualTo("Grace Hopper");
    }

    @Test
    void aResetLinkExpiresAfterThirtyMinutes() {
        String email = uniqueEmail();
        String token = resetToken(email);

        clock.advance(Duration.ofMinutes(31));

        assertProblem(api.postJson("/auth/password-reset/confirm", Api.body("token", token, "password",
                NEW_PASSWORD)), 400, "invalid-link");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theNewPasswordFollowsTheRulesAndARefusedOneLeavesTheLinkUsable() {
        String email = uniqueEmail();
        String token = resetToken(email);

        for (String password : new String[] {"          ", "\u00a0\u2003\u3000\u00a0\u2003\u3000\u00a0\u2003",
                "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b", "short"}) {
            Api.Response refused = api.postJson("/auth/password-reset/confirm", Api.body("token", token,
                    "password", password));
            assertProblem(refused, 400, "validation");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        }
        assertThat(api.postJson("/auth/password-reset/confirm", Api.body("token", token, "password", NEW_PASSWORD))
                .status()).isEqualTo(204);
    }

    @Test
    void requestsAreLimitedPerClientAddressAndResetEmailsPerAccount() {
        String email = uniqueEmail();
        registered(email);
        verify(email);

        for (int i = 0; i < 6; i++) {
            assertThat(api.from(randomAddress()).postJson("/auth/password-reset", Api.body("email", email)).status())
                    .as("always the same answer").isEqualTo(202);
        }
        awaitOutboxSent();
        assertThat(notifications.to(email)).filteredOn(message ->
                message.notification().template() == NotificationTemplate.RESET_PASSWORD).hasSize(5);

        Api.Response last = null;
        for (int i = 0; i < 11; i++) {
            last = api.postJson("/auth/password-reset", Api.body("email", uniqueEmail()));
        }
        assertProblem(last, 429, "too-many-requests");
        assertThat(api.from(randomAddress()).postJson("/auth/password-reset", Api.body("email", uniqueEmail()))
                .status()).isEqualTo(202);
    }

    @Test
    void anOwnerWhoseResetEmailsSomeoneElseUsedUpGetsALinkOnceNoneIsLive() {
        String email = uniqueEmail();
        registered(email);
        verify(email);
        for (int i = 0; i < 6; i++) {
            assertThat(api.from(randomAddress()).postJson("/auth/password-reset", Api.body("email", email)).status())
                    .isEqualTo(202);
        }
        awaitOutboxSent();
        // The sixth found the last link live, in the owner's mailbox: nothing more was sent.
        assertThat(resetEmailsTo(email)).hasSize(5);

        clock.advance(Duration.ofMinutes(31));
        Api owner = api.from(randomAddress());
        assertThat(owner.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        awaitOutboxSent();

        List<NotificationRequested> sent = resetEmailsTo(email);
        assertThat(sent).hasSize(6);
        assertThat(owner.postJson("/auth/password-reset/confirm", Api.body("token", sent.get(5).accountToken(),
                "password", NEW_PASSWORD)).status()).isEqualTo(204);
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    private List<NotificationRequested> resetEmailsTo(String email) {
        return notifications.to(email).stream().map(NotificationsQueue.Received::notification)
                .filter(message -> message.template() == NotificationTemplate.RESET_PASSWORD).toList();
    }

    /** A confirmed account at the address, and the token of the reset e-mail it asked for. */
    private String resetToken(String email) {
        registered(email);
        verify(email);
        assertThat(api.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        return notifications.next(email, NotificationTemplate.RESET_PASSWORD).accountToken();
    }
}
