package dev.framesmith.auth.token;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/** The RS256 key pair tokens are signed with, and the {@code kid} it is published under. */
record SigningKey(String keyId, RSAPrivateKey privateKey, RSAPublicKey publicKey) {

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + "]";
    }
}
