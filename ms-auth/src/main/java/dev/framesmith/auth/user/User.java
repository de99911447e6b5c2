package dev.framesmith.auth.user;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered user as stored: the e-mail address is already normalised, the password only as a bcrypt hash.
 *
 * @param emailVerifiedAt when the owner confirmed the address, {@code null} until then
 * @param tokenVersion    the version every token of the user carries; raised by a password reset, which revokes
 *                        the older tokens
 */
public record User(UUID id, String email, String name, String passwordHash, Instant createdAt,
        @Nullable Instant emailVerifiedAt, int tokenVersion) {

    /**
     * The name of an account whose owner has not chosen one: after a password reset took over an address someone
     * else registered (the name was theirs, and may be a message to the owner).
     */
    public static final String UNNAMED = "Framesmith user";

    /** A new, unconfirmed account. */
    public static User registered(UUID id, String email, String name, String passwordHash, Instant createdAt) {
        return new User(id, email, name, passwordHash, createdAt, null, 0);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", emailVerified=" + emailVerified() + ", tokenVersion=" + tokenVersion + "]";
    }
}
