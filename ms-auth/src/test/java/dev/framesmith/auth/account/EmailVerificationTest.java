package dev.framesmith.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.testsupport.Api;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A new account gets one verification e-mail, whose single-use, expiring link confirms the address. */
class EmailVerificationTest extends AuthIntegrationTest {

    @Test
    void registrationQueuesOneVerificationEmailWhoseTokenIsStoredOnlyAsAHash() {
        String email = uniqueEmail();
        String id = registered(email);

        NotificationRequested mail = notifications.next(email, NotificationTemplate.VERIFY_EMAIL);

        assertThat(mail.userId()).isEqualTo(id);
        assertThat(mail.recipientName()).as("a name typed by whoever registered the address").isNull();
        assertThat(mail.accountToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(mail.accountTokenExpiresAt()).isBetween(Instant.now().plus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(25)));
        List<String> stored = jdbc.sql("SELECT token_hash FROM account_tokens WHERE user_id = :id::uuid")
                .param("id", id).query(String.class).list();
        assertThat(stored).containsExactly(AccountTokens.hash(mail.accountToken()));
        assertThat(jdbc.sql("SELECT count(*) FROM account_tokens WHERE token_hash = :token")
                .param("token", mail.accountToken()).query(Long.class).single()).isZero();
        awaitOutboxSent();
        assertThat(notifications.to(email)).singleElement()
                .satisfies(message -> assertThat(message.attributes()).contains(Headers.MESSAGE_TYPE));
        assertThat(api.get("/auth/me", tokenFor(email)).json().path("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void theLinkConfirmsTheAddressOnceAndTheNextTokenSaysSo() {
        String email = uniqueEmail();
        registered(email);
        String token = verificationToken(email);

        Api.Response confirmed = confirm(email, token);

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("emailVerified").asBoolean()).isTrue();
        String access = tokenFor(email);
        assertThat(claims(access).path("email_verified").asBoolean()).isTrue();
        assertThat(api.get("/auth/me", access).json().path("emailVerified").asBoolean()).isTrue();
        assertProblem(confirm(email, token), 400, "invalid-link");
    }

    /**
     * Pre-hijacking: someone registers another person's address with a password of their own. The link reaches the
     * address's owner, who does not know that password: opened without a session, or in a session of another
     * account, it confirms nothing, and it still works for the account it was sent for.
     */
    @Test
    void theLinkConfirmsTheAddressOnlyInASessionOfItsOwnAccount() {
        String registered = uniqueEmail();
        registered(registered);
        String token = verificationToken(registered);
        String other = uniqueEmail();
        registered(other);

        assertProblem(api.postJson("/auth/verify-email", Api.body("token", token)), 401, "unauthorized");
        assertProblem(confirm(other, token), 400, "invalid-link");

        assertThat(claims(tokenFor(registered)).path("email_verified").asBoolean()).isFalse();
        assertThat(claims(tokenFor(other)).path("email_verified").asBoolean()).isFalse();
        Api.Response confirmed = confirm(registered, token);
        assertThat(confirmed.status()).as("the link still works for its account: %s", confirmed.body())
                .isEqualTo(200);
    }

    @Test
    void aLinkExpiresAfterADay() {
        String email = uniqueEmail();
        registered(email);
        String token = verificationToken(email);

        clock.advance(Duration.ofHours(24).plusMinutes(1));

        assertProblem(confirm(email, token), 400, "invalid-link");
        assertThat(claims(tokenFor(email)).path("email_verified").asBoolean()).isFalse();
    }

    @Test
    void sendAgainReplacesTheLinkAndIsLimitedPerAccountWhereverItIsAskedFrom() {
        String email = uniqueEmail();
        registered(email);
        String first = verificationToken(email);
        String access = tokenFor(email);

        for (int i = 0; i < 4; i++) {
            Api elsewhere = api.from(randomAddress());
            Api.Response again = elsewhere.send(elsewhere.request("/auth/verify-email/resend")
                    .header("Authorization", "Bearer " + access).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(again.status()).as(again.body()).isEqualTo(202);
        }
        Api.Response sixth = postWithToken("/auth/verify-email/resend", access);

        assertProblem(sixth, 429, "too-many-requests");
        assertThat(Long.parseLong(sixth.headers().getFirst("Retry-After"))).isPositive();
        awaitOutboxSent();
        assertThat(notifications.to(email)).as("the registration's and four more").hasSize(5);
        assertProblem(confirm(email, first), 400, "invalid-link");
        // The queue does not keep the order of sending: of the four newer links exactly one, the latest, works.
        List<Integer> statuses = notifications.to(email).stream()
                .map(received -> received.notification().accountToken())
                .filter(token -> !token.equals(first))
                .map(token -> api.postJson("/auth/verify-email", access, Api.body("token", token)).status())
                .toList();
        assertThat(statuses).hasSize(4).containsOnlyOnce(200).containsOnly(200, 400);
        assertProblem(postWithToken("/auth/verify-email/resend", tokenFor(email)), 409, "email-already-verified");
    }

    @Test
    void parallelRequestsToSendAgainGetExactlyTheAccountsLimit() throws Exception {
        String email = uniqueEmail();
        String id = registered(email);
        verificationToken(email);
        String access = tokenFor(email);
        int requests = 12;
        CyclicBarrier start = new CyclicBarrier(requests);
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                Api elsewhere = api.from(randomAddress());
                answers.add(clients.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return elsewhere.send(elsewhere.request("/auth/verify-email/resend")
                            .header("Authorization", "Bearer " + access).POST(HttpRequest.BodyPublishers.noBody()));
                }));
            }
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(responses).as("four besides the registration's").filteredOn(r -> r.status() == 202).hasSize(4);
            assertThat(responses).filteredOn(r -> r.status() != 202).hasSize(requests - 4)
                    .allSatisfy(refused -> assertProblem(refused, 429, "too-many-requests"));
        } finally {
            clients.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_hits WHERE bucket = 'verify-email' AND subject = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(5);
        awaitOutboxSent();
        assertThat(notifications.to(email)).as("the registration's and four more").hasSize(5);
    }

    @Test
    void sendAgainNeedsAUserToken() {
        assertProblem(api.postJson("/auth/verify-email/resend", Api.body()), 401, "unauthorized");
    }

    @Test
    void anythingButALiveTokenIsRefused() {
        String email = uniqueEmail();
        registered(email);
        String access = tokenFor(email);

        assertProblem(api.postJson("/auth/verify-email", access, Api.body()), 400, "validation");
        assertProblem(api.postJson("/auth/verify-email", access, Api.body("token", " ")), 400, "validation");
        assertProblem(api.postJson("/auth/verify-email", access, Api.body("token", "x".repeat(129))), 400,
                "validation");
        assertProblem(api.postJson("/auth/verify-email", access,
                Api.body("token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), 400, "invalid-link");
        assertProblem(api.send(api.request("/auth/verify-email", null).header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":12345678901234567890}"))), 400,
                "malformed-request");
    }
}
