package dev.framesmith.auth.account;

import static dev.framesmith.auth.config.SqlTime.utc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The single-use tokens of the account e-mails ({@code account_tokens}): 256 random bits, URL-safe base64. Only
 * their SHA-256 is stored, so the table cannot be used to act for anyone; a new token replaces the user's last one
 * of the same purpose, and using a token deletes it.
 */
@Repository
class AccountTokens {

    /** What a token lets its holder do. */
    enum Purpose {
        VERIFY_EMAIL("verify-email"),
        RESET_PASSWORD("reset-password");

        private final String column;

        Purpose(String column) {
            this.column = column;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    /** Longer input is no token of ours: refused before it is hashed. */
    static final int MAX_TOKEN_LENGTH = 128;

    private final JdbcClient jdbc;

    AccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for the user, valid until {@code now + ttl}; the user's previous one of this purpose stops working. */
    String issue(UUID userId, Purpose purpose, Instant now, Duration ttl) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("""
                        INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
                        VALUES (:hash, :userId, :purpose, :now, :expires)
                        ON CONFLICT (user_id, purpose) DO UPDATE
                        SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at,
                            expires_at = EXCLUDED.expires_at""")
                .param("hash", hash(token))
                .param("userId", userId)
                .param("purpose", purpose.column)
                .param("now", utc(now))
                .param("expires", utc(now.plus(ttl)))
                .update();
        return token;
    }

    /** The user the token was issued to, if it is a live token of this purpose; it cannot be used again. */
    Optional<UUID> consume(String token, Purpose purpose, Instant now) {
        return consume(token, purpose, null, now);
    }

    /**
     * Like {@link #consume(String, Purpose, Instant)}, for a token issued to {@code owner} only: a token of another
     * user is not used up and stays usable by that user.
     */
    Optional<UUID> consume(String token, Purpose purpose, UUID owner, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        DELETE FROM account_tokens
                        WHERE token_hash = :hash AND purpose = :purpose AND expires_at > :now
                          AND (CAST(:owner AS uuid) IS NULL OR user_id = CAST(:owner AS uuid))
                        RETURNING user_id""")
                .param("hash", hash(token.strip()))
                .param("purpose", purpose.column)
                .param("now", utc(now))
                .param("owner", owner, Types.OTHER)
                .query(UUID.class)
                .optional();
    }

    /** Whether the user has a token of this purpose that is still usable. */
    boolean hasLive(UUID userId, Purpose purpose, Instant now) {
        return jdbc.sql("""
                        SELECT count(*) FROM account_tokens
                        WHERE user_id = :userId AND purpose = :purpose AND expires_at > :now""")
                .param("userId", userId)
                .param("purpose", purpose.column)
                .param("now", utc(now))
                .query(Long.class)
                .single() > 0;
    }

    /** Removes tokens nobody used in time. */
    int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM account_tokens WHERE expires_at <= :now").param("now", utc(now)).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
