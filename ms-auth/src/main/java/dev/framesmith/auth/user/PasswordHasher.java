package dev.framesmith.auth.user;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt hashing of user passwords and client secrets. A check against a missing hash still pays
 * for one bcrypt comparison, so an unknown account answers as slowly as a wrong password.
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder;
    private final String unknownAccountHash;

    PasswordHasher(PasswordProperties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptCost());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.unknownAccountHash = encoder.encode(HexFormat.of().formatHex(secret));
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether the password matches the hash; {@code false} when there is no hash, after the same work. */
    public boolean matches(String password, @Nullable String hash) {
        boolean matches = encoder.matches(password, hash == null ? unknownAccountHash : hash);
        return hash != null && matches;
    }

    /** Whether the hash was made with a lower cost than the one configured now. */
    public boolean isOutdated(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
