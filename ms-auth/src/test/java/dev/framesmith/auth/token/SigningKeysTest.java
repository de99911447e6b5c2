package dev.framesmith.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.auth.TestKeys;
import dev.framesmith.testsupport.RsaKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
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
        assertThatThrownBy(() -> SigningKeys.from(properties(RsaKeys.pem("PRIVATE KEY", weak.getPrivate().getEncoded()),
                null, false)))
                .hasMessageContaining("2048");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String ecPem = RsaKeys.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> SigningKeys.from(properties(ecPem, null, false)))
                .hasMessageContaining("not an RSA private key");
    }

    @Test
    void theLifetimeIsBounded() {
        assertThatThrownBy(() -> new TokenProperties("framesmith", Duration.ofSeconds(30), Duration.ofHours(12), null,
                null, List.of(), true)).hasMessageContaining("ttl");
        assertThatThrownBy(() -> new TokenProperties("framesmith", Duration.ofHours(25), Duration.ofDays(2), null,
                null, List.of(), true)).hasMessageContaining("ttl");
        assertThatThrownBy(() -> new TokenProperties("framesmith", Duration.ofHours(2), Duration.ofHours(1), null,
                null, List.of(), true)).hasMessageContaining("max-session");
        assertThat(new TokenProperties("framesmith", Duration.ofMinutes(60), Duration.ofHours(12),
                TestKeys.privateKeyPem(), null, List.of(), false).toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void verificationKeysArePublishedBesideTheSigningKeyUnderTheirOwnKeyIds() {
        KeyPair next = RsaKeys.generate();
        TokenProperties withNext = new TokenProperties("framesmith", Duration.ofMinutes(15), Duration.ofHours(12),
                TestKeys.privateKeyPem(), "current", List.of(new TokenProperties.VerificationKey(
                        RsaKeys.pem("PUBLIC KEY", next.getPublic().getEncoded()), "next")), false);

        TokenKeys keys = SigningKeys.keys(withNext);

        assertThat(keys.signing().keyId()).isEqualTo("current");
        assertThat(keys.jwkSet().getKeys()).extracting(key -> key.getKeyID()).containsExactly("current", "next");
        assertThat(keys.jwkSet().getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void aVerificationKeyMustBeAStrongRsaPublicKeyUnderAnUnusedKeyId() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        String weak = RsaKeys.pem("PUBLIC KEY", small.generateKeyPair().getPublic().getEncoded());
        String strong = RsaKeys.pem("PUBLIC KEY", RsaKeys.generate().getPublic().getEncoded());

        assertThatThrownBy(() -> SigningKeys.keys(withVerificationKey(weak, "old")))
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> SigningKeys.keys(withVerificationKey(TestKeys.privateKeyPem(), "old")))
                .hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> SigningKeys.keys(withVerificationKey(strong, "kid-1")))
                .hasMessageContaining("published twice");
    }

    private static TokenProperties withVerificationKey(String pem, String keyId) {
        return new TokenProperties("framesmith", Duration.ofMinutes(15), Duration.ofHours(12), TestKeys.privateKeyPem(),
                "kid-1", List.of(new TokenProperties.VerificationKey(pem, keyId)), false);
    }

    private static TokenProperties properties(String privateKey, String keyId, boolean generate) {
        return new TokenProperties("framesmith", Duration.ofMinutes(60), Duration.ofHours(12), privateKey, keyId,
                List.of(), generate);
    }
}
