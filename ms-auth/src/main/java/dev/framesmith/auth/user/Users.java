package dev.framesmith.auth.user;

import static dev.framesmith.auth.config.SqlTime.utc;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.support.web.Problems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class Users {

    private static final String COLUMNS = "id, email, name, password_hash, created_at, email_verified_at, token_version";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new, unconfirmed user unless the e-mail address is taken. The table's UNIQUE constraint decides,
     * so of two concurrent registrations of one address exactly one is stored.
     *
     * @return whether the user was stored
     */
    public boolean insert(User user) {
        int rows = jdbc.sql("""
                        INSERT INTO users (id, email, name, password_hash, created_at)
                        VALUES (:id, :email, :name, :passwordHash, :createdAt)
                        ON CONFLICT (email) DO NOTHING""")
                .param("id", user.id())
                .param("email", user.email())
                .param("name", user.name())
                .param("passwordHash", user.passwordHash())
                .param("createdAt", utc(user.createdAt()))
                .update();
        return rows == 1;
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .param("email", email)
                .query(Users::map)
                .optional();
    }

    /** The user behind a request's token; 404 {@code not-found} when the account is gone. */
    public User current(CurrentUser user) {
        return findById(user.userId()).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                Problems.NOT_FOUND, "Not found", "This account no longer exists."));
    }

    /** The user of a token's subject; empty for a subject that is no user id. */
    public Optional<User> findById(String id) {
        try {
            return findById(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    /**
     * A hash upgrade at login: the same password, so the user's tokens stay valid. Written only while the hash is
     * still the one the login checked, so a password reset that committed meanwhile is never undone.
     */
    public void updatePasswordHash(UUID id, String checkedHash, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :passwordHash WHERE id = :id AND password_hash = :checkedHash")
                .param("passwordHash", passwordHash)
                .param("id", id)
                .param("checkedHash", checkedHash)
                .update();
    }

    /**
     * A new password after a reset: the token version goes up, which revokes every token issued so far.
     *
     * @return the user's new token version
     */
    public int replacePassword(UUID id, String passwordHash) {
        return jdbc.sql("""
                        UPDATE users SET password_hash = :passwordHash, token_version = token_version + 1
                        WHERE id = :id RETURNING token_version""")
                .param("passwordHash", passwordHash)
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    /** Sets the display name. @return whether the user exists */
    public boolean rename(UUID id, String name) {
        return jdbc.sql("UPDATE users SET name = :name WHERE id = :id")
                .param("name", name)
                .param("id", id)
                .update() == 1;
    }

    /** Records the confirmation of the address, once. @return whether it was not confirmed before */
    public boolean markEmailVerified(UUID id, Instant at) {
        return jdbc.sql("UPDATE users SET email_verified_at = :at WHERE id = :id AND email_verified_at IS NULL")
                .param("at", utc(at))
                .param("id", id)
                .update() == 1;
    }

    /** The current token version of a user, or empty when the user no longer exists. */
    public Optional<Integer> tokenVersion(UUID id) {
        return jdbc.sql("SELECT token_version FROM users WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .optional();
    }

    private static User map(ResultSet row, int rowNum) throws SQLException {
        return new User(row.getObject("id", UUID.class), row.getString("email"), row.getString("name"),
                row.getString("password_hash"), instant(row, "created_at"), instant(row, "email_verified_at"),
                row.getInt("token_version"));
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
