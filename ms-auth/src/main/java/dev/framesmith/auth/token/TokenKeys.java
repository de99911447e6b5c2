package dev.framesmith.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The key tokens are signed with, and the verification keys published beside it: the next key during a
 * rotation's first step, the previous one during its last. Tokens signed with any of them are accepted, by
 * ms-auth here and by the other services through the JWK set.
 */
record TokenKeys(SigningKey signing, List<PublishedKey> verificationKeys) {

    TokenKeys {
        verificationKeys = List.copyOf(verificationKeys);
        Set<String> ids = new HashSet<>(Set.of(signing.keyId()));
        for (PublishedKey key : verificationKeys) {
            if (!ids.add(key.keyId())) {
                throw new IllegalStateException("framesmith.auth.token: the key id " + key.keyId()
                        + " is published twice");
            }
        }
    }

    /** A public key with its kid. */
    record PublishedKey(String keyId, RSAPublicKey publicKey) {
    }

    /** Every published key as a JWK (public parts only), the signing key first. */
    JWKSet jwkSet() {
        List<JWK> keys = new ArrayList<>();
        keys.add(jwk(signing.keyId(), signing.publicKey()));
        verificationKeys.forEach(key -> keys.add(jwk(key.keyId(), key.publicKey())));
        return new JWKSet(keys);
    }

    private static JWK jwk(String keyId, RSAPublicKey key) {
        return new RSAKey.Builder(key).keyID(keyId).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
    }

    @Override
    public String toString() {
        return "TokenKeys[signing=" + signing.keyId() + ", verificationKeys="
                + verificationKeys.stream().map(PublishedKey::keyId).toList() + "]";
    }
}
