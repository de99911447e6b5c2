package dev.framesmith.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Mints RS256 tokens shaped like ms-auth's (the claims and audiences of service-support's {@code TokenClaims}),
 * signed by a key pair generated when the test JVM starts. {@link UseTestBackend} makes the resource server trust
 * that key through {@link #springProperties()}.
 */
public final class TestTokens {

    public static final String ISSUER = "framesmith";
    public static final String KEY_ID = "test-key";
    /** The audience of user tokens. */
    public static final String USER_AUDIENCE = "framesmith-api";
    /** The audience of service tokens. */
    public static final String SERVICE_AUDIENCE = "framesmith-services";

    private static final KeyPair KEYS = RsaKeys.generate();

    private TestTokens() {
    }

    /** A user's access token valid for an hour, for a user who has confirmed the e-mail address. */
    public static String user(String userId, String email, String name) {
        return sign(userClaims(userId, email, name, Instant.now(), Duration.ofHours(1)).build(), KEYS);
    }

    /** A user's token for a user who has not confirmed the e-mail address yet. */
    public static String unverifiedUser(String userId, String email, String name) {
        return sign(userClaims(userId, email, name, Instant.now(), Duration.ofHours(1))
                .claim("email_verified", false).build(), KEYS);
    }

    /** A user's token for another audience, or for none when {@code audience} is {@code null}. */
    public static String userFor(String audience, String userId, String email, String name) {
        return sign(userClaims(userId, email, name, Instant.now(), Duration.ofHours(1)).audience(audience).build(),
                KEYS);
    }

    /** A token for a random user, when who it is does not matter. */
    public static String anyUser() {
        String id = UUID.randomUUID().toString();
        return user(id, id + "@example.com", "Test User");
    }

    /** A user's token that expired a minute ago. */
    public static String expiredUser(String userId, String email, String name) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(userClaims(userId, email, name, issued, Duration.ofHours(1)).build(), KEYS);
    }

    /** A well-formed user token signed by a key nobody trusts. */
    public static String forgedUser(String userId, String email, String name) {
        return sign(userClaims(userId, email, name, Instant.now(), Duration.ofHours(1)).build(), RsaKeys.generate());
    }

    /** A service token from the client-credentials grant, carrying the given scopes. */
    public static String service(String clientId, String... scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(SERVICE_AUDIENCE)
                .subject(clientId)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build();
        return sign(claims, KEYS);
    }

    /** The public key as PEM, for {@code framesmith.security.jwt.public-key}. */
    public static String publicKeyPem() {
        return RsaKeys.pem("PUBLIC KEY", KEYS.getPublic().getEncoded());
    }

    /** The properties that make a resource server trust these tokens. */
    public static Map<String, String> springProperties() {
        return Map.of("framesmith.security.jwt.public-key", publicKeyPem(),
                "framesmith.security.jwt.issuer", ISSUER);
    }

    private static JWTClaimsSet.Builder userClaims(String userId, String email, String name, Instant issued,
            Duration lifetime) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(USER_AUDIENCE)
                .subject(userId)
                .claim("email", email)
                .claim("email_verified", true)
                .claim("name", name)
                .claim("token_version", 0)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(lifetime)));
    }

    private static String sign(JWTClaimsSet claims, KeyPair keys) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }
}
