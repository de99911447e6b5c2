package dev.framesmith.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.auth.TestKeys;
import dev.framesmith.auth.user.Users;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.testsupport.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import tools.jackson.databind.JsonNode;

class LoginTest extends AuthIntegrationTest {

    private static final String NEW_PASSWORD = "a brand new password";

    @Autowired
    MeterRegistry meters;
    @Autowired
    Users users;
    @Autowired
    KnownAddresses knownAddresses;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aRegisteredUserGetsAnRs256AccessToken() {
        String email = uniqueEmail();
        String id = registered(email);
        long before = Instant.now().getEpochSecond() - 1;

        Api.Response response = login(email, PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().getCacheControl()).contains("no-store");
        JsonNode body = response.json();
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        String token = body.path("accessToken").asString();
        assertThat(header(token).path("alg").asString()).isEqualTo("RS256");
        assertThat(header(token).path("kid").asString()).isEqualTo(TestKeys.KEY_ID);
        JsonNode claims = claims(token);
        assertThat(claims.path("sub").asString()).isEqualTo(id);
        assertThat(claims.path("email").asString()).isEqualTo(email);
        assertThat(claims.path("name").asString()).isEqualTo("Test User");
        assertThat(claims.path("iss").asString()).isEqualTo("framesmith");
        assertThat(claims.path("iat").asLong()).isBetween(before, Instant.now().getEpochSecond() + 1);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.path("aud").toString()).isIn("\"framesmith-api\"", "[\"framesmith-api\"]");
        assertThat(claims.path("email_verified").asBoolean(true)).as("not confirmed yet, and it may log in").isFalse();
        assertThat(claims.path("token_version").asInt(-1)).isZero();
        assertThat(claims.path("auth_time").asLong()).isEqualTo(claims.path("iat").asLong());
        assertThat(claims.has("scope")).isFalse();
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        String email = uniqueEmail();
        registered(email);

        Api.Response wrongPassword = login(email, "not the password");
        Api.Response unknownEmail = login(uniqueEmail(), PASSWORD);

        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertProblem(unknownEmail, 401, "invalid-credentials");
        for (String member : new String[] {"type", "title", "status", "detail"}) {
            assertThat(unknownEmail.json().path(member)).as(member).isEqualTo(wrongPassword.json().path(member));
        }
        assertThat(unknownEmail.json().propertyNames()).isEqualTo(wrongPassword.json().propertyNames());
        assertThat(unknownEmail.headers().getFirst("WWW-Authenticate"))
                .isEqualTo(wrongPassword.headers().getFirst("WWW-Authenticate"));
    }

    @Test
    void afterThreeFreeFailuresEachFailureDoublesTheWaitForThatAccountAtThatAddress() {
        String email = uniqueEmail();
        registered(email);
        for (int i = 0; i < 3; i++) {
            assertProblem(login(email, "wrong " + i), 401, "invalid-credentials");
        }

        for (long expected : new long[] {1, 2, 4, 8}) {
            Api.Response waiting = login(email, PASSWORD);
            assertProblem(waiting, 429, "too-many-attempts");
            long retryAfter = Long.parseLong(waiting.headers().getFirst("Retry-After"));
            assertThat(retryAfter).as("wait after %d s", expected).isBetween(1L, expected);
            assertThat(waiting.json().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
            clock.advance(Duration.ofSeconds(expected));
            assertProblem(login(email, "wrong again"), 401, "invalid-credentials");
        }
        clock.advance(Duration.ofSeconds(16));
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void refusedAttemptsDoNotCountSoHammeringDoesNotLengthenTheWait() {
        String email = uniqueEmail();
        registered(email);
        double invalid = logins("invalid");
        double locked = logins("locked");
        double success = logins("success");
        for (int i = 0; i < 3; i++) {
            login(email, "wrong");
        }
        for (int i = 0; i < 5; i++) {
            assertProblem(login(email, "wrong again"), 429, "too-many-attempts");
        }

        clock.advance(Duration.ofSeconds(1));

        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
        assertThat(logins("invalid") - invalid).as("wrong passwords").isEqualTo(3);
        assertThat(logins("locked") - locked).as("attempts refused while the account waits").isEqualTo(5);
        assertThat(logins("success") - success).isEqualTo(1);
    }

    private double logins(String outcome) {
        return meters.get("framesmith.auth.logins").tag("outcome", outcome).counter().count();
    }

    @Test
    void theWaitIsForOneAddressTheSameAccountElsewhereIsNotSlowedDown() {
        String email = uniqueEmail();
        registered(email);
        for (int i = 0; i < 6; i++) {
            login(email, "wrong");
        }
        assertProblem(login(email, PASSWORD), 429, "too-many-attempts");

        assertThat(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email, "password", PASSWORD))
                .status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginForgivesTheOwnersMistakesAtThatAddress() {
        String email = uniqueEmail();
        registered(email);
        for (int i = 0; i < 3; i++) {
            assertProblem(login(email, "wrong"), 401, "invalid-credentials");
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertProblem(login(email, "wrong"), 401, "invalid-credentials");
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theVictimStillLogsInFromTheirOwnAddressWhileAnAttackerHammersTheAccountFromEverywhere() {
        String email = uniqueEmail();
        registered(email);
        Api home = api;
        assertThat(login(email, PASSWORD).status()).as("the owner logs in from home once").isEqualTo(200);

        for (int i = 0; i < ACCOUNT_BUDGET; i++) {
            Api bot = api.from(randomAddress());
            assertProblem(bot.postJson("/auth/login", Api.body("email", email, "password", "guess " + i)), 401,
                    "invalid-credentials");
        }

        Api.Response attackerWithThePassword = api.from(randomAddress()).postJson("/auth/login",
                Api.body("email", email, "password", PASSWORD));
        assertProblem(attackerWithThePassword, 429, "too-many-attempts");
        assertThat(Long.parseLong(attackerWithThePassword.headers().getFirst("Retry-After")))
                .isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
        Api.Response owner = home.postJson("/auth/login", Api.body("email", email, "password", PASSWORD));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(home.postJson("/auth/login", Api.body("email", email, "password", "a typo")).status())
                .as("the owner's own mistakes are theirs").isEqualTo(401);

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email, "password", PASSWORD))
                .status()).as("the budget refills as failures age").isEqualTo(200);
    }

    @Test
    void anOwnerOnANewNetworkGetsInByResettingThePasswordThereWhileAnAttackerSpendsTheBudget() {
        String email = uniqueEmail();
        registered(email);
        verify(email);
        for (int i = 0; i < ACCOUNT_BUDGET; i++) {
            assertProblem(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email,
                    "password", "guess " + i)), 401, "invalid-credentials");
        }
        Api newNetwork = api.from(randomAddress());
        assertProblem(newNetwork.postJson("/auth/login", Api.body("email", email, "password", PASSWORD)), 429,
                "too-many-attempts");

        assertThat(newNetwork.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        String token = notifications.next(email, NotificationTemplate.RESET_PASSWORD).accountToken();
        assertThat(newNetwork.postJson("/auth/password-reset/confirm", Api.body("token", token,
                "password", NEW_PASSWORD)).status()).isEqualTo(204);

        Api.Response owner = newNetwork.postJson("/auth/login", Api.body("email", email, "password", NEW_PASSWORD));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertProblem(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email,
                "password", NEW_PASSWORD)), 429, "too-many-attempts");
    }

    @Test
    void theAddressesTheAccountWasUsedFromBeforeAPasswordResetAreNoLongerItsOwn() {
        String email = uniqueEmail();
        registered(email);
        verify(email);
        Api registrant = api.from(randomAddress());
        assertThat(registrant.postJson("/auth/login", Api.body("email", email, "password", PASSWORD)).status())
                .isEqualTo(200);
        // The mailbox's owner takes the account back from another network.
        Api owner = api.from(randomAddress());
        assertThat(owner.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        String token = notifications.next(email, NotificationTemplate.RESET_PASSWORD).accountToken();
        assertThat(owner.postJson("/auth/password-reset/confirm", Api.body("token", token,
                "password", NEW_PASSWORD)).status()).isEqualTo(204);

        for (int i = 0; i < ACCOUNT_BUDGET; i++) {
            assertProblem(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email,
                    "password", "guess " + i)), 401, "invalid-credentials");
        }

        // The registrant's address is held to the account's budget like any other; the owner's is not.
        assertProblem(registrant.postJson("/auth/login", Api.body("email", email, "password", NEW_PASSWORD)), 429,
                "too-many-attempts");
        assertThat(owner.postJson("/auth/login", Api.body("email", email, "password", NEW_PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownAccountRunsOutOfBudgetLikeAKnownOne() {
        String email = uniqueEmail();
        for (int i = 0; i < ACCOUNT_BUDGET; i++) {
            assertProblem(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email, "password",
                    PASSWORD)), 401, "invalid-credentials");
        }
        assertProblem(api.from(randomAddress()).postJson("/auth/login", Api.body("email", email, "password",
                PASSWORD)), 429, "too-many-attempts");
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddress() {
        String email = uniqueEmail();
        registered(email);
        for (int i = 0; i < 20; i++) {
            assertProblem(login(uniqueEmail(), "wrong"), 401, "invalid-credentials");
        }

        Api.Response locked = login(email, PASSWORD);

        assertProblem(locked, 429, "too-many-attempts");
        assertThat(locked.headers().getFirst("Retry-After")).isNotBlank();
        Api.Response elsewhere = api.from(randomAddress()).postJson("/auth/login",
                Api.body("email", email, "password", PASSWORD));
        assertThat(elsewhere.status()).isEqualTo(200);
    }

    @Test
    void eachInvalidFieldIsAValidationErrorAndNoAttempt() {
        String email = uniqueEmail();
        registered(email);
        Map<String, Map<String, Object>> bodies = Map.of(
                "email", Api.body("password", PASSWORD),
                "password", Api.body("email", email));
        bodies.forEach((field, body) -> {
            Api.Response response = api.postJson("/auth/login", body);
            assertProblem(response, 400, "validation");
            assertThat(response.json().path("errors")).singleElement()
                    .satisfies(error -> assertThat(error.path("field").asString()).isEqualTo(field));
        });
        String huge = "x".repeat(10 * 1024);
        for (int i = 0; i < 6; i++) {
            assertProblem(login(email, huge), 400, "validation");
            assertProblem(login(huge + "@example.com", PASSWORD), 400, "validation");
            assertProblem(login("' OR '1'='1", PASSWORD), 400, "validation");
        }
        assertProblem(api.post("/auth/login", "application/json", "{\"email\":"), 400, "malformed-request");
        assertProblem(api.post("/auth/login", "application/x-www-form-urlencoded", "email=a&password=b"),
                415, "unsupported-media-type");

        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void sqlInjectionInThePasswordDoesNotLogIn() {
        String email = uniqueEmail();
        registered(email);
        for (String injection : new String[] {"' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\""}) {
            assertProblem(login(email, injection), 401, "invalid-credentials");
        }
    }

    @Test
    void aHashOfAnOlderLowerCostIsUpgradedAtLogin() {
        String email = uniqueEmail();
        insertUser(UUID.randomUUID(), email, new BCryptPasswordEncoder(4).encode(PASSWORD));

        assertThat(login(email, PASSWORD).status()).isEqualTo(200);

        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = :email").param("email", email)
                .query(String.class).single();
        assertThat(hash).startsWith("$2a$10$");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aHashUpgradeNeverUndoesAPasswordResetThatCommittedWhileTheLoginCheckedTheOldPassword() {
        String email = uniqueEmail();
        UUID id = UUID.randomUUID();
        String oldHash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        insertUser(id, email, oldHash);

        // The login read the old hash and checked the password; the reset commits; then the login upgrades.
        users.replacePassword(id, new BCryptPasswordEncoder(4).encode(NEW_PASSWORD));
        users.updatePasswordHash(id, oldHash, new BCryptPasswordEncoder(10).encode(PASSWORD));

        assertThat(login(email, PASSWORD).status()).isEqualTo(401);
        assertThat(login(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    /**
     * A login checks the old password while a reset is under way (its new hash written, the addresses replaced by its
     * own, not yet committed): once the reset commits, the login's address is not the account's again.
     */
    @Test
    void aLoginThatCheckedThePasswordWhileAResetWasUnderWayDoesNotMakeItsAddressTheAccountsAgain() throws Exception {
        String email = uniqueEmail();
        UUID id = UUID.randomUUID();
        String oldHash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        insertUser(id, email, oldHash);
        String registrant = randomAddress();
        String owner = randomAddress();
        Instant now = Instant.now();
        knownAddresses.rememberLogin(id, oldHash, registrant, now.minusSeconds(60), 5);
        TransactionStatus reset = transactions.getTransaction(TransactionDefinition.withDefaults());
        users.replacePassword(id, new BCryptPasswordEncoder(4).encode(NEW_PASSWORD));
        knownAddresses.replaceWith(id, owner, now);

        CompletableFuture<Void> login = CompletableFuture.runAsync(
                () -> knownAddresses.rememberLogin(id, oldHash, registrant, now, 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").query(Long.class).single() > 0);
        transactions.commit(reset);
        login.get(10, TimeUnit.SECONDS);

        Instant since = now.minus(Duration.ofDays(1));
        assertThat(knownAddresses.isKnown(email, owner, since)).isTrue();
        assertThat(knownAddresses.isKnown(email, registrant, since)).as("the registrant's address").isFalse();
    }

    /** A user stored with a password hash of the test's choosing. */
    private void insertUser(UUID id, String email, String passwordHash) {
        jdbc.sql("""
                        INSERT INTO users (id, email, name, password_hash, created_at)
                        VALUES (:id, :email, 'Old Timer', :hash, now())""")
                .param("id", id)
                .param("email", email)
                .param("hash", passwordHash)
                .update();
    }

    @Test
    void emailCaseAndSpacesDoNotMatter() {
        String email = uniqueEmail();
        registered(email);

        assertThat(login("  " + email.toUpperCase() + " ", PASSWORD).status()).isEqualTo(200);
    }
}
