package dev.framesmith.auth;

import dev.framesmith.testsupport.RsaKeys;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Secrets made when the test JVM starts: the signing key configured into ms-auth and a service client. */
public final class TestKeys {

    public static final String KEY_ID = "ms-auth-test-key";
    public static final String CLIENT_ID = "ms-video";
    public static final String CLIENT_SCOPE_SEND = "notifications:send";
    public static final String CLIENT_SCOPE_READ = "videos:read";

    private static final KeyPair KEYS = RsaKeys.generate();
    private static final String CLIENT_SECRET = randomSecret();
    private static String clientSecretHash;

    private TestKeys() {
    }

    public static RSAPrivateKey privateKey() {
        return (RSAPrivateKey) KEYS.getPrivate();
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    public static String privateKeyPem() {
        return RsaKeys.pem("PRIVATE KEY", KEYS.getPrivate().getEncoded());
    }

    public static String publicKeyPem() {
        return RsaKeys.pem("PUBLIC KEY", KEYS.getPublic().getEncoded());
    }

    public static String clientSecret() {
        return CLIENT_SECRET;
    }

    public static synchronized String clientSecretHash() {
        if (clientSecretHash == null) {
            clientSecretHash = new BCryptPasswordEncoder(10).encode(CLIENT_SECRET);
        }
        return clientSecretHash;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
