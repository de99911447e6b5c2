package dev.framesmith.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.MutableClock;
import dev.framesmith.testsupport.UseTestBackend;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

/**
 * ms-auth on a random port over the test back-end's PostgreSQL and SQS, signing with {@link TestKeys}' key, with
 * one service client, a clock the tests move, and {@code X-Forwarded-For} trusted so that each test logs in from
 * an address of its own. The account budget of logins is small, so that a test can exhaust it, and registrations
 * per address are generous, so that a test may register a few. Every subclass shares this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {AuthApplication.class, TestClockConfiguration.class},
        properties = {
                "framesmith.auth.bcrypt-cost=10",
                "framesmith.auth.trust-forwarded-for=true",
                "framesmith.auth.token.key-id=" + TestKeys.KEY_ID,
                "framesmith.auth.login.per-account.max=" + AuthIntegrationTest.ACCOUNT_BUDGET,
                "framesmith.auth.login.per-account.window=24h",
                "framesmith.auth.rate-limits.registration.max=" + AuthIntegrationTest.REGISTRATIONS_PER_ADDRESS,
                "framesmith.auth.rate-limits.registration.window=1h",
                "framesmith.auth.outbox.poll-interval=100ms"})
@UseTestBackend
public abstract class AuthIntegrationTest {

    protected static final String PASSWORD = "correct horse battery";
    protected static final int ACCOUNT_BUDGET = 12;
    protected static final int REGISTRATIONS_PER_ADDRESS = 30;

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private SqsAsyncClient sqs;

    @Autowired
    private FramesmithAwsProperties aws;

    protected Api api;

    protected NotificationsQueue notifications;

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("framesmith.auth.token.private-key", TestKeys::privateKeyPem);
        // A list binds from one property source only, so the whole client is registered here.
        registry.add("framesmith.auth.clients[0].id", () -> TestKeys.CLIENT_ID);
        registry.add("framesmith.auth.clients[0].secret-hash", TestKeys::clientSecretHash);
        registry.add("framesmith.auth.clients[0].scopes[0]", () -> TestKeys.CLIENT_SCOPE_SEND);
        registry.add("framesmith.auth.clients[0].scopes[1]", () -> TestKeys.CLIENT_SCOPE_READ);
    }

    @BeforeEach
    void newClient() {
        api = new Api(port).from(randomAddress());
        notifications = new NotificationsQueue(sqs, aws.queues().notifications());
    }

    /** Puts the clock back, and what was written in the future it showed (an outbox message, say) back to now. */
    @AfterEach
    void resetClock() {
        clock.reset();
        jdbc.sql("UPDATE notification_outbox SET available_at = now() WHERE available_at > now() + interval '5 minutes'")
                .update();
    }

    /** A client address no other test uses. */
    protected static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    protected Api.Response register(String email, String password, String name) {
        return api.postJson("/auth/register", Api.body("email", email, "password", password, "name", name));
    }

    /** Registers a user and returns its id. */
    protected String registered(String email) {
        Api.Response response = register(email, PASSWORD, "Test User");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    protected Api.Response login(String email, String password) {
        return api.postJson("/auth/login", Api.body("email", email, "password", password));
    }

    /** The token of the verification e-mail sent to the address. */
    protected String verificationToken(String email) {
        return notifications.next(email, NotificationTemplate.VERIFY_EMAIL).accountToken();
    }

    /** Confirms the address with the token of its verification e-mail, in a session of its account. */
    protected void verify(String email) {
        Api.Response response = confirm(email, verificationToken(email));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Waits until every notification written so far has been handed to the queue. */
    protected void awaitOutboxSent() {
        org.awaitility.Awaitility.await("the outbox sent").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM notification_outbox").query(Long.class).single() == 0);
    }

    /** A POST without a body, carrying a bearer token. */
    /** Sends the token of a verification e-mail with an access token of the account {@code email}. */
    protected Api.Response confirm(String email, String verificationToken) {
        return api.postJson("/auth/verify-email", tokenFor(email), Api.body("token", verificationToken));
    }

    protected Api.Response postWithToken(String path, String token) {
        return api.send(api.request(path, null).header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    /** Logs in and returns the access token. */
    protected String tokenFor(String email) {
        Api.Response response = login(email, PASSWORD);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("accessToken").asString();
    }

    protected long userCount() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    protected long usersWithEmail(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE email = :email").param("email", email)
                .query(Long.class).single();
    }

    /** Asserts a problem response: status, {@code application/problem+json} and the type's slug. */
    protected static void assertProblem(Api.Response response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problem()).as(response.body()).isEqualTo(slug);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asString()).isNotBlank();
    }

    protected static JsonNode header(String jwt) {
        return decode(jwt.split("\\.")[0]);
    }

    protected static JsonNode claims(String jwt) {
        return decode(jwt.split("\\.")[1]);
    }

    private static JsonNode decode(String part) {
        return Api.JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
