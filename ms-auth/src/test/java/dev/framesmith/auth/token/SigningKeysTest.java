package dev.framesmith.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.auth.TestKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void readsAPkcs8KeyAndDerivesItsPublicKey() {
        SigningKey key = SigningKeys.from(properties(TestKeys.privateKeyPem(), "kid-1", false));

        assertThat(key.keyId()).isEqualTo("kid-1");
        assertThat(key.publicKey()).isEqualTo(TestKeys.publicKey());
        assertThat(key.privateKey().getModulus()).isEqualTo(TestKeys.privateKey().getModulus());
        assertThat(key.toString()).doesNotContain(TestKeys.privateKey().getModulus().toString());
    }

    @Test
    void acceptsAPemWhoseLineBreaksWereEscaped() {
        String escaped = TestKeys.privateKeyPem().replace("\n", "\\n");
        assertThat(SigningKeys.from(properties(escaped, "kid-1", false)).publicKey()).isEqualTo(TestKeys.publicKey());
    }

    @Test
    void withoutAKeyIdTheThumbprintIsTheKeyId() {
        SigningKey first = SigningKeys.from(properties(TestKeys.privateKeyPem(), null, false));
        SigningKey second = SigningKeys.from(properties(TestKeys.privateKeyPem(), " ", false));

        assertThat(first.keyId()).matches("[A-Za-z0-9_-]{43}").isEqualTo(second.keyId());
    }

    @Test
    void withoutAKeyStartUpFailsUnlessGeneratingIsAllowed() {
        assertThatThrownBy(() -> SigningKeys.from(properties(null, null, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("framesmith.auth.token.private-key");

        SigningKey generated = SigningKeys.from(properties(null, null, true));
        assertThat(generated.publicKey().getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
        assertThat(generated.keyId()).isNotBlank();
    }

    @Test
    void refusesKeysThatAreNotPkcs8RsaKeysOfAtLeast2048Bits() throws Exception {
        assertThatThrownBy(() -> SigningKeys.from(properties("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----", null, false)))
                .hasMessageContaining("PKCS#1");
        assertThatThrownBy(() -> SigningKeys.from(properties("not a key", null, false)))
                .hasMessageContaining("PEM");
        assertThatThrownBy(() -> SigningKeys.from(properties("-----BEGIN PRIVATE KEY-----\n!!!!\n"
                + "-----END PRIVATE KEY-----", null, false)))
                .hasMessageContaining("not an RSA private key");

        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair weak = small.generateKeyPair();
        assertThatThrownBy(() -> SigningKeys.from(properties(TestKeys.pem("PRIVATE KEY", weak.getPrivate().getEncoded()),
                null, false)))
                .hasMessageContaining("2048");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String ecPem = TestKeys.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> SigningKeys.from(properties(ecPem, null, false)))
                .hasMessageContaining("not an RSA private key");
    }

    @Test
    void theLifetimeIsBounded() {
        assertThatThrownBy(() -> new TokenProperties("framesmith", Duration.ofSeconds(30), null, null, true))
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> new TokenProperties("framesmith", Duration.ofHours(25), null, null, true))
                .hasMessageContaining("ttl");
        assertThat(new TokenProperties("framesmith", Duration.ofMinutes(60), TestKeys.privateKeyPem(), null, false)
                .toString()).doesNotContain("PRIVATE KEY");
    }

    private static TokenProperties properties(String privateKey, String keyId, boolean generate) {
        return new TokenProperties("framesmith", Duration.ofMinutes(60), privateKey, keyId, generate);
    }
}
