package dev.framesmith.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class Users {

    private static final String COLUMNS = "id, email, name, password_hash, created_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new user unless the e-mail address is taken. The table's UNIQUE constraint decides,
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
                .param("createdAt", OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC))
                .update();
        return rows == 1;
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .param("email", email)
                .query(Users::map)
                .optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    public void updatePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
                .param("passwordHash", passwordHash)
                .param("id", id)
                .update();
    }

    private static User map(ResultSet row, int rowNum) throws SQLException {
        Instant createdAt = row.getObject("created_at", OffsetDateTime.class).toInstant();
        return new User(row.getObject("id", UUID.class), row.getString("email"), row.getString("name"),
                row.getString("password_hash"), createdAt);
    }
}
