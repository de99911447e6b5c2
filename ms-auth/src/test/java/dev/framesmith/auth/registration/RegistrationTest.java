package dev.framesmith.auth.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.testsupport.Api;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class RegistrationTest extends AuthIntegrationTest {

    @Test
    void registersAUserWhoCanThenLogInAndSeeTheProfile() {
        String email = uniqueEmail();
        Instant before = Instant.now().minusSeconds(1);

        Api.Response response = register(email, PASSWORD, "Ada Lovelace");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().getFirst("Location")).isEqualTo("/auth/me");
        JsonNode user = response.json();
        assertThat(user.path("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(user.path("email").asString()).isEqualTo(email);
        assertThat(user.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(user.path("emailVerified").asBoolean(true)).isFalse();
        assertThat(Instant.parse(user.path("createdAt").asString())).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(user.has("password")).isFalse();
        assertThat(user.has("passwordHash")).isFalse();
        assertThat(jdbc.sql("SELECT password_hash FROM users WHERE email = :email").param("email", email)
                .query(String.class).single()).startsWith("$2a$10$").doesNotContain(PASSWORD);

        Api.Response me = api.get("/auth/me", tokenFor(email));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json()).isEqualTo(user);
    }

    @Test
    void aRegisteredEmailIsTaken() {
        String email = uniqueEmail();
        registered(email);

        Api.Response again = register(email, "another password", "Somebody Else");

        assertProblem(again, 409, "email-taken");
        assertThat(usersWithEmail(email)).isEqualTo(1);
    }

    @Test
    void emailIsTrimmedAndLowerCasedSoVariantsAreTheSameAccount() {
        String local = "Mixed.Case-" + System.nanoTime();
        Api.Response created = register("   " + local + "@Example.COM\t", PASSWORD, "  Grace Hopper  ");

        assertThat(created.status()).isEqualTo(201);
        String stored = local.toLowerCase() + "@example.com";
        assertThat(created.json().path("email").asString()).isEqualTo(stored);
        assertThat(created.json().path("name").asString()).isEqualTo("Grace Hopper");
        assertThat(usersWithEmail(stored)).isEqualTo(1);

        assertProblem(register(stored, PASSWORD, "Grace"), 409, "email-taken");
        assertProblem(register(local.toUpperCase() + "@EXAMPLE.com ", PASSWORD, "Grace"), 409, "email-taken");
        assertThat(login(" " + local.toUpperCase() + "@example.com", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void twentyParallelRegistrationsOfOneEmailCreateExactlyOneAccount() throws Exception {
        String email = uniqueEmail();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Api.Response> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String name = "Racer " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return register(email, PASSWORD, name);
                }));
            }
            start.countDown();
            for (Future<Api.Response> result : results) {
                responses.add(result.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(19)
                .allSatisfy(r -> assertThat(r.problem()).isEqualTo("email-taken"));
        assertThat(usersWithEmail(email)).isEqualTo(1);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("email", null, "is required"),
                Arguments.of("email", "", "is required"),
                Arguments.of("email", "   ", "is required"),
                Arguments.of("email", "not-an-email", "must be a valid e-mail address"),
                Arguments.of("email", "ada@localhost", "must be a valid e-mail address"),
                Arguments.of("email", "ada lovelace@example.com", "must be a valid e-mail address"),
                Arguments.of("email", "ada@@example.com", "must be a valid e-mail address"),
                Arguments.of("email", "a".repeat(250) + "@example.com", "must be at most 254 characters"),
                Arguments.of("password", null, "is required"),
                Arguments.of("password", "", "is required"),
                Arguments.of("password", "1234567", "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", "x".repeat(73), "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("password", "€".repeat(25), "must be between 8 and 72 bytes long in UTF-8"),
                Arguments.of("name", null, "is required"),
                Arguments.of("name", "", "is required"),
                Arguments.of("name", " \t ", "is required"),
                Arguments.of("name", "n".repeat(101), "must be at most 100 characters"),
                Arguments.of("name", "Ada\nLovelace", "must not contain control characters"),
                Arguments.of("name", "Ada\u0000", "must not contain control characters"),
                Arguments.of("name", "\u001b[31mAda", "must not contain control characters"),
                Arguments.of("name", "Ada\u2028", "must not contain control characters"),
                Arguments.of("name", "Your account is locked \u202Ellac", "must not contain text-direction control "
                        + "characters"),
                Arguments.of("password", " ".repeat(10), "must contain a character other than spaces"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void eachInvalidFieldIsListedAndNothingIsStored(String field, String value, String message) {
        String email = uniqueEmail();
        Map<String, Object> body = Api.body("email", email, "password", PASSWORD, "name", "Ada");
        body.put(field, value);
        long users = userCount();

        Api.Response response = api.postJson("/auth/register", body);

        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo(field);
            assertThat(error.path("message").asString()).isEqualTo(message);
        });
        assertThat(userCount()).isEqualTo(users);
        assertThat(usersWithEmail(email)).isZero();
    }

    @Test
    void jsonThatCouldMeanTwoThingsIsRefusedAndNothingIsStored() {
        String email = uniqueEmail();
        long users = userCount();
        for (String body : new String[] {
                "{\"email\":\"" + email + "\",\"password\":1e999999,\"name\":\"Ada\"}",
                "{\"email\":\"" + email + "\",\"password\":12345678901,\"name\":\"Ada\"}",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":true}",
                "{\"email\":\"" + email + "\",\"password\":\"first password\",\"password\":\"second one\","
                        + "\"name\":\"Ada\"}",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"Ada\"} {\"name\":\"Eve\"}"}) {
            assertProblem(api.post("/auth/register", "application/json", body), 400, "malformed-request");
        }
        assertThat(userCount()).isEqualTo(users);
        assertThat(usersWithEmail(email)).isZero();
    }

    @Test
    void textThatIsNotUnicodeIsRefused() {
        String email = uniqueEmail();
        long users = userCount();

        Api.Response response = api.post("/auth/register", "application/json",
                "{\"email\": \"" + email + "\", \"password\": \"12345678\\uD800\", \"name\": \"Ada\\uDC00\"}");

        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("message").asString()))
                .containsExactly("must be valid Unicode text", "must be valid Unicode text");
        assertThat(userCount()).isEqualTo(users);
    }

    @Test
    void everyInvalidFieldIsListedAtOnce() {
        Api.Response response = api.postJson("/auth/register", Api.body("email", "nope", "password", "short"));

        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("email", "name", "password");
    }

    @Test
    void limitsAreInclusive() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".io";
        assertThat(email).hasSize(254);
        jdbc.sql("DELETE FROM users WHERE email = :email").param("email", email).update();

        Api.Response response = register(email, "p".repeat(72), "😀".repeat(100));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("name").asString()).isEqualTo("😀".repeat(100));
        assertThat(login(email, "p".repeat(72)).status()).isEqualTo(200);
        assertThat(register(uniqueEmail(), "12345678", "A").status()).isEqualTo(201);
    }

    @Test
    void unreadableBodiesAreRefused() {
        long users = userCount();

        assertProblem(api.post("/auth/register", "application/json", "{\"email\": "), 400, "malformed-request");
        assertProblem(api.post("/auth/register", "application/json", ""), 400, "malformed-request");
        assertProblem(api.post("/auth/register", "application/json", "[1,2]"), 400, "malformed-request");
        assertProblem(api.post("/auth/register", "application/json",
                "{\"email\": {\"$ne\": null}, \"password\": \"12345678\", \"name\": \"x\"}"), 400, "malformed-request");
        assertProblem(api.post("/auth/register", "text/plain", "email=a@example.com"), 415, "unsupported-media-type");
        assertProblem(api.get("/auth/register"), 405, "method-not-allowed");

        assertThat(userCount()).isEqualTo(users);
    }

    static Stream<String> sqlInjections() {
        return Stream.of("' OR '1'='1", "'; DROP TABLE users; --", "admin'--", "\" OR \"\"=\"",
                "1; DELETE FROM users WHERE 1=1", "x' UNION SELECT password_hash FROM users --");
    }

    @ParameterizedTest
    @MethodSource("sqlInjections")
    void sqlInjectionInTheEmailIsAValidationError(String injection) {
        long users = userCount();

        Api.Response response = register(injection, PASSWORD, "Mallory");

        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
        assertThat(userCount()).isEqualTo(users);
    }

    @ParameterizedTest
    @MethodSource("sqlInjections")
    void sqlInjectionInPasswordOrNameIsJustText(String injection) {
        String email = uniqueEmail();
        long users = userCount();
        String password = injection.length() < 8 ? injection + "-padding" : injection;

        Api.Response response = register(email, password, injection);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("name").asString()).isEqualTo(injection);
        assertThat(userCount()).isEqualTo(users + 1);
        assertThat(jdbc.sql("SELECT name FROM users WHERE email = :email").param("email", email)
                .query(String.class).single()).isEqualTo(injection);
        assertThat(login(email, password).status()).isEqualTo(200);
        assertThat(login(email, "x' OR 'x'='x").status()).isEqualTo(401);
    }

    @Test
    void tenKilobyteStringsInAnyFieldAreValidationErrors() {
        String huge = "x".repeat(10 * 1024);
        long users = userCount();
        for (String field : List.of("email", "password", "name")) {
            Map<String, Object> body = Api.body("email", uniqueEmail(), "password", PASSWORD, "name", "Ada");
            body.put(field, field.equals("email") ? huge + "@example.com" : huge);

            Api.Response response = api.postJson("/auth/register", body);

            assertProblem(response, 400, "validation");
            assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
        }
        assertThat(userCount()).isEqualTo(users);
    }

    @Test
    void bodiesOverSixteenKilobytesAreRefusedBeforeBeingRead() {
        long users = userCount();
        String body = Api.JSON.writeValueAsString(Api.body("email", uniqueEmail(), "password", PASSWORD,
                "name", "Ada", "padding", "p".repeat(17 * 1024)));

        assertProblem(api.post("/auth/register", "application/json", body), 413, "payload-too-large");

        // Without a Content-Length (chunked), the limit applies while reading.
        HttpRequest.Builder chunked = api.request("/auth/register", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        assertProblem(api.send(chunked), 413, "payload-too-large");

        assertThat(userCount()).isEqualTo(users);
    }
}
