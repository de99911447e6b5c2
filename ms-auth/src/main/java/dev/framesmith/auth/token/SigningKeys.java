package dev.framesmith.auth.token;

import io.jsonwebtoken.security.Jwks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the configured keys, or generates a signing key where the configuration allows it. */
final class SigningKeys {

    static final int MIN_KEY_BITS = 2048;

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS1_HEADER = "-----BEGIN RSA PRIVATE KEY-----";
    private static final String PUBLIC_HEADER = "-----BEGIN PUBLIC KEY-----";

    private SigningKeys() {
    }

    static SigningKey from(TokenProperties properties) {
        if (properties.hasPrivateKey()) {
            RSAPrivateCrtKey privateKey = parsePrivateKey(properties.privateKey());
            RSAPublicKey publicKey = publicKeyOf(privateKey);
            return new SigningKey(keyId(properties, publicKey), privateKey, publicKey);
        }
        if (!properties.generateIfMissing()) {
            throw new IllegalStateException("No token signing key: set framesmith.auth.token.private-key "
                    + "(FRAMESMITH_AUTH_TOKEN_PRIVATE_KEY, an RSA key in PKCS#8 PEM), or "
                    + "framesmith.auth.token.generate-if-missing=true for a local run");
        }
        KeyPair pair = generate();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        SigningKey key = new SigningKey(keyId(properties, publicKey), (RSAPrivateCrtKey) pair.getPrivate(), publicKey);
        log.warn("No token signing key configured: generated a temporary one (kid {}). Tokens will not be valid "
                + "after a restart, nor across replicas. Configure framesmith.auth.token.private-key outside "
                + "local runs.", key.keyId());
        return key;
    }

    /** The signing key and the configured verification keys. */
    static TokenKeys keys(TokenProperties properties) {
        return new TokenKeys(from(properties), properties.verificationKeys().stream()
                .map(key -> {
                    RSAPublicKey publicKey = parsePublicKey(key.publicKey());
                    return new TokenKeys.PublishedKey(keyId(key.keyId(), publicKey), publicKey);
                })
                .toList());
    }

    static RSAPublicKey parsePublicKey(String pem) {
        String text = pem.replace("\\n", "\n").strip();
        if (!text.startsWith(PUBLIC_HEADER)) {
            throw new IllegalStateException("framesmith.auth.token.verification-keys[n].public-key must be a PEM '"
                    + PUBLIC_HEADER + "' block");
        }
        RSAPublicKey key;
        try {
            byte[] der = Base64.getDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")
                    .getBytes(StandardCharsets.US_ASCII));
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("framesmith.auth.token.verification-keys[n].public-key is not an RSA "
                    + "public key", e);
        }
        if (key.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalStateException("framesmith.auth.token.verification-keys[n].public-key must have at least "
                    + MIN_KEY_BITS + " bits");
        }
        return key;
    }

    static RSAPrivateCrtKey parsePrivateKey(String pem) {
        String text = pem.replace("\\n", "\n").strip();
        if (text.startsWith(PKCS1_HEADER)) {
            throw new IllegalStateException("framesmith.auth.token.private-key is a PKCS#1 key; convert it to "
                    + "PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
        }
        if (!text.startsWith(PKCS8_HEADER)) {
            throw new IllegalStateException("framesmith.auth.token.private-key must be a PEM '"
                    + PKCS8_HEADER + "' block");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key;
        try {
            byte[] der = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("framesmith.auth.token.private-key is not an RSA private key", e);
        }
        if (!(key instanceof RSAPrivateCrtKey crtKey)) {
            throw new IllegalStateException("framesmith.auth.token.private-key lacks its public part (CRT form)");
        }
        if (crtKey.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalStateException("framesmith.auth.token.private-key must have at least "
                    + MIN_KEY_BITS + " bits");
        }
        return crtKey;
    }

    static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        BigInteger modulus = privateKey.getModulus();
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key of the signing key", e);
        }
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    private static String keyId(TokenProperties properties, RSAPublicKey publicKey) {
        return keyId(properties.keyId(), publicKey);
    }

    private static String keyId(String configured, RSAPublicKey publicKey) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return Jwks.builder().key(publicKey).build().thumbprint().toString();
    }
}
