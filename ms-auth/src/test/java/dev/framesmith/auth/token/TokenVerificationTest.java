package dev.framesmith.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.auth.AuthIntegrationTest;
import dev.framesmith.auth.TestKeys;
import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.otherservice.OtherService;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.RsaKeys;
import dev.framesmith.testsupport.TestTokens;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens from ms-auth as the other services see them: a separate application context with only
 * service-support's resource server, trusting ms-auth's JWK set URL. And ms-auth's own checks of
 * {@code /auth/me} and {@code /auth/validate}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenVerificationTest extends AuthIntegrationTest {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private ConfigurableApplicationContext resourceServer;
    private Api otherService;

    @BeforeAll
    void startResourceServer() {
        resourceServer = OtherService.start("http://localhost:" + port + "/auth/.well-known/jwks.json",
                "http://localhost:" + port + "/auth/validate");
        otherService = new Api(OtherService.port(resourceServer)).from(randomAddress());
    }

    @AfterAll
    void stopResourceServer() {
        if (resourceServer != null) {
            resourceServer.close();
        }
    }

    @Test
    void theJwkSetPublishesThePublicKeyOnly() {
        Api.Response response = api.get("/auth/.well-known/jwks.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.headers().getCacheControl()).contains("max-age=300");
        JsonNode key = response.json().path("keys").get(0);
        assertThat(response.json().path("keys").size()).isEqualTo(1);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.path("kid").asString()).isEqualTo(TestKeys.KEY_ID);
        assertThat(key.path("alg").asString()).isEqualTo("RS256");
        assertThat(key.path("use").asString()).isEqualTo("sig");
        assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asString())))
                .isEqualTo(TestKeys.publicKey().getModulus());
        assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asString())))
                .isEqualTo(TestKeys.publicKey().getPublicExponent());
        for (String privatePart : new String[] {"d", "p", "q", "dp", "dq", "qi"}) {
            assertThat(key.has(privatePart)).as(privatePart).isFalse();
        }
    }

    @Test
    void anotherServiceAcceptsATokenThroughTheJwkSet() {
        String email = uniqueEmail();
        String id = registered(email);

        Api.Response response = otherService.get("/whoami", tokenFor(email));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("userId").asString()).isEqualTo(id);
        assertThat(response.json().path("email").asString()).isEqualTo(email);
        assertThat(response.json().path("name").asString()).isEqualTo("Test User");
    }

    @Test
    void badTokensAreRefusedByAnotherServiceAndByMsAuth() {
        String email = uniqueEmail();
        registered(email);
        String good = tokenFor(email);
        Map<String, String> bad = badTokens(email, good);

        bad.forEach((kind, token) -> {
            assertUnauthorized(kind, otherService.get("/whoami", token));
            assertUnauthorized(kind, api.get("/auth/me", token));
            assertProblem(api.postJson("/auth/validate", Api.body("token", token)), 401, "invalid-token");
        });
        assertUnauthorized("no bearer", otherService.get("/whoami"));
        assertUnauthorized("no bearer", api.get("/auth/me"));

        assertThat(otherService.get("/whoami", good).status()).isEqualTo(200);
        assertThat(api.get("/auth/me", good).status()).isEqualTo(200);
    }

    @Test
    void aPasswordResetRevokesTokensAtMsAuthAtOnceAndInOtherServicesWithinTheirCheckPeriod() {
        String email = uniqueEmail();
        registered(email);
        verify(email);
        String before = tokenFor(email);
        assertThat(otherService.get("/whoami", before).status()).as("accepted before the reset").isEqualTo(200);
        assertThat(api.postJson("/auth/password-reset", Api.body("email", email)).status()).isEqualTo(202);
        String resetToken = notifications.next(email, NotificationTemplate.RESET_PASSWORD).accountToken();

        assertThat(api.postJson("/auth/password-reset/confirm", Api.body("token", resetToken, "password",
                "a brand new password")).status()).isEqualTo(204);

        assertUnauthorized("revoked at ms-auth", api.get("/auth/me", before));
        assertProblem(api.postJson("/auth/validate", Api.body("token", before)), 401, "invalid-token");
        assertUnauthorized("revoked tokens are not refreshed", postWithToken("/auth/refresh", before));
        // The other service asks ms-auth about a token it accepted at most every second (revocation-check-every).
        await("the other service refuses the revoked token").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertUnauthorized("revoked elsewhere", otherService.get("/whoami", before)));
        String after = api.postJson("/auth/login", Api.body("email", email, "password", "a brand new password"))
                .json().path("accessToken").asString();
        assertThat(claims(after).path("token_version").asInt()).isEqualTo(1);
        assertThat(api.get("/auth/me", after).status()).isEqualTo(200);
        assertThat(otherService.get("/whoami", after).status()).isEqualTo(200);
    }

    @Test
    void msAuthTrustsOnlyItsOwnKey() {
        String token = TestTokens.user(UUID.randomUUID().toString(), "x@example.com", "X");

        assertUnauthorized("test-support token", api.get("/auth/me", token));
    }

    @Test
    void validateDescribesAValidToken() {
        String email = uniqueEmail();
        String id = registered(email);
        String token = tokenFor(email);

        Api.Response response = api.postJson("/auth/validate", Api.body("token", token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("valid").asBoolean()).isTrue();
        assertThat(response.json().path("sub").asString()).isEqualTo(id);
        assertThat(response.json().path("email").asString()).isEqualTo(email);
        assertThat(response.json().path("exp").asLong()).isEqualTo(claims(token).path("exp").asLong());
    }

    @Test
    void validateRefusesBadInput() {
        assertProblem(api.postJson("/auth/validate", Api.body("token", "")), 400, "validation");
        assertProblem(api.postJson("/auth/validate", Api.body()), 400, "validation");
        assertProblem(api.postJson("/auth/validate", Api.body("token", "x".repeat(10 * 1024))), 400, "validation");
        assertProblem(api.postJson("/auth/validate", Api.body("token", "' OR '1'='1")), 401, "invalid-token");
        assertProblem(api.post("/auth/validate", "application/json", "{"), 400, "malformed-request");
    }

    @Test
    void aTokenExpiresOnMsAuthsClock() {
        String email = uniqueEmail();
        registered(email);
        String token = tokenFor(email);

        clock.advance(Duration.ofMinutes(61));

        assertUnauthorized("expired on the moved clock", api.get("/auth/me", token));
        assertProblem(api.postJson("/auth/validate", Api.body("token", token)), 401, "invalid-token");
    }

    private Map<String, String> badTokens(String email, String good) {
        String[] parts = good.split("\\.");
        Map<String, String> bad = new LinkedHashMap<>();

        clock.rewind(Duration.ofHours(2));
        try {
            bad.put("expired", tokenFor(email));
        } finally {
            clock.reset();
        }

        ObjectNode claims = (ObjectNode) claims(good);
        claims.put("sub", UUID.randomUUID().toString());
        bad.put("tampered payload", parts[0] + "." + encode(claims) + "." + parts[2]);

        char flipped = parts[2].charAt(10) == 'A' ? 'B' : 'A';
        bad.put("tampered signature", parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, 10) + flipped + parts[2].substring(11));

        Map<String, Object> original = Api.JSON.convertValue(claims(good), Map.class);
        bad.put("unknown kid", Jwts.builder()
                .header().keyId("unknown-kid").type("JWT").and()
                .claims(original)
                .signWith(TestKeys.privateKey(), Jwts.SIG.RS256)
                .compact());

        Map<String, Object> elsewhere = new LinkedHashMap<>(original);
        elsewhere.put("aud", List.of("framesmith-elsewhere"));
        bad.put("another audience", signed(elsewhere));
        Map<String, Object> nowhere = new LinkedHashMap<>(original);
        nowhere.remove("aud");
        bad.put("no audience", signed(nowhere));

        bad.put("alg none", encode(Map.of("alg", "none", "typ", "JWT", "kid", TestKeys.KEY_ID)) + "."
                + parts[1] + ".");

        String hsHeader = encode(Map.of("alg", "HS256", "typ", "JWT", "kid", TestKeys.KEY_ID));
        bad.put("HS256 with the public key as secret", hsHeader + "." + parts[1] + "."
                + hmac(TestKeys.publicKeyPem().getBytes(StandardCharsets.US_ASCII), hsHeader + "." + parts[1]));

        bad.put("other key", Jwts.builder()
                .header().keyId(TestKeys.KEY_ID).type("JWT").and()
                .claims(original)
                .signWith(RsaKeys.generate().getPrivate(), Jwts.SIG.RS256)
                .compact());

        bad.put("garbage", "garbage");
        bad.put("three garbage parts", "abc.def.ghi");
        return bad;
    }

    private static String signed(Map<String, Object> claims) {
        return Jwts.builder()
                .header().keyId(TestKeys.KEY_ID).type("JWT").and()
                .claims(claims)
                .signWith(TestKeys.privateKey(), Jwts.SIG.RS256)
                .compact();
    }

    private static void assertUnauthorized(String kind, Api.Response response) {
        assertThat(response.status()).as(kind + ": " + response.body()).isEqualTo(401);
        assertThat(response.contentType()).as(kind).startsWith("application/problem+json");
        assertThat(response.problem()).as(kind).isEqualTo("unauthorized");
        assertThat(response.headers().getFirst("WWW-Authenticate")).as(kind).startsWith("Bearer");
    }

    private static String encode(Object json) {
        return B64URL.encodeToString(Api.JSON.writeValueAsBytes(json));
    }

    private static String hmac(byte[] secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
