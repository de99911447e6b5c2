package dev.framesmith.auth.login;

import static dev.framesmith.auth.config.SqlTime.utc;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code known_addresses} table: where each account logged in successfully or completed a password reset, at
 * most N per account.
 */
@Repository
class KnownAddresses {

    private final JdbcClient jdbc;

    KnownAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether the account with this e-mail address logged in, or completed a password reset, from {@code address}
     * since {@code since}.
     */
    boolean isKnown(String email, String address, Instant since) {
        return jdbc.sql("""
                        SELECT count(*) FROM known_addresses k JOIN users u ON u.id = k.user_id
                        WHERE u.email = :email AND k.address = :address AND k.last_login_at > :since""")
                .param("email", email)
                .param("address", address)
                .param("since", utc(since))
                .query(Long.class)
                .single() > 0;
    }

    /**
     * Remembers a successful login, keeping only the user's {@code max} most recent addresses, unless the password
     * the login checked is no longer the account's: a reset committed meanwhile, which made its own address the
     * account's only one. The user's row is read with a share lock, so a reset still under way is waited for.
     *
     * @param checkedHash the password hash the login checked the password against
     */
    @Transactional
    void rememberLogin(UUID userId, String checkedHash, String address, Instant at, int max) {
        boolean current = jdbc.sql("SELECT 1 FROM users WHERE id = :userId AND password_hash = :checkedHash FOR SHARE")
                .param("userId", userId)
                .param("checkedHash", checkedHash)
                .query(Integer.class)
                .optional()
                .isPresent();
        if (current) {
            remember(userId, address, at, max);
        }
    }

    private void remember(UUID userId, String address, Instant at, int max) {
        jdbc.sql("""
                        INSERT INTO known_addresses (user_id, address, last_login_at) VALUES (:userId, :address, :at)
                        ON CONFLICT (user_id, address) DO UPDATE SET last_login_at = EXCLUDED.last_login_at""")
                .param("userId", userId)
                .param("address", address)
                .param("at", utc(at))
                .update();
        jdbc.sql("""
                        DELETE FROM known_addresses WHERE user_id = :userId AND address NOT IN (
                            SELECT address FROM known_addresses WHERE user_id = :userId
                            ORDER BY last_login_at DESC LIMIT :max)""")
                .param("userId", userId)
                .param("max", max)
                .update();
    }

    /**
     * After a password reset the address it was completed from is the account's only one: whoever used the account
     * before (a registrant who was not the mailbox's owner) is held to the account's budget like anyone else.
     */
    void replaceWith(UUID userId, String address, Instant at) {
        jdbc.sql("DELETE FROM known_addresses WHERE user_id = :userId").param("userId", userId).update();
        remember(userId, address, at, 1);
    }

    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM known_addresses WHERE last_login_at <= :cutoff").param("cutoff", utc(cutoff))
                .update();
    }
}
