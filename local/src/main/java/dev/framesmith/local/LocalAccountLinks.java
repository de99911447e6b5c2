package dev.framesmith.local;

import dev.framesmith.contracts.AccountLinks;
import dev.framesmith.contracts.NotificationTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The links of the account e-mails for the local run, while ms-notify does not write those e-mails yet: a fresh
 * token for an account, stored the way ms-auth stores its own (only the SHA-256, one live token per account and
 * purpose, so the link last e-mailed stops working), and the page's link carrying it. It writes into the local
 * database directly, so it exists only here, never in a deployed system.
 */
final class LocalAccountLinks {

    /** The local run's database and page, kept in the run directory while the run is alive. */
    static final String ENDPOINTS_FILE = "run.endpoints";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VERIFICATION_TTL = Duration.ofHours(24);
    private static final Duration RESET_TTL = Duration.ofMinutes(30);

    private LocalAccountLinks() {
    }

    /** Where a running local run is: its database and its page. */
    record Running(String jdbcUrl, String user, String password, URI page) {

        Properties toProperties() {
            Properties properties = new Properties();
            properties.setProperty("jdbc.url", jdbcUrl);
            properties.setProperty("jdbc.user", user);
            properties.setProperty("jdbc.password", password);
            properties.setProperty("page", page.toString());
            return properties;
        }

        static Running read(Path dataDir) {
            Path file = dataDir.resolve(ENDPOINTS_FILE);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("no local run is using " + dataDir + ": start it with ./run.sh first"
                        + " (and pass the same --data-dir)");
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Running(properties.getProperty("jdbc.url"), properties.getProperty("jdbc.user"),
                    properties.getProperty("jdbc.password"), URI.create(properties.getProperty("page")));
        }
    }

    /**
     * A new link for the account with this address: {@link NotificationTemplate#VERIFY_EMAIL} or
     * {@link NotificationTemplate#RESET_PASSWORD}.
     *
     * @throws IllegalArgumentException when there is no account with this address
     */
    static URI issue(Running run, String email, NotificationTemplate template) {
        String purpose = switch (template) {
            case VERIFY_EMAIL -> AccountLinks.VERIFY_EMAIL;
            case RESET_PASSWORD -> AccountLinks.RESET_PASSWORD;
            default -> throw new IllegalArgumentException(template + " has no link");
        };
        Duration ttl = template == NotificationTemplate.VERIFY_EMAIL ? VERIFICATION_TTL : RESET_TTL;
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection connection = DriverManager.getConnection(run.jdbcUrl(), run.user(), run.password())) {
            UUID userId = userId(connection, email.strip().toLowerCase(Locale.ROOT));
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
                    VALUES (?, ?, ?, now(), now() + make_interval(secs => ?))
                    ON CONFLICT (user_id, purpose) DO UPDATE SET token_hash = EXCLUDED.token_hash,
                        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at""")) {
                insert.setString(1, sha256(token));
                insert.setObject(2, userId);
                insert.setString(3, purpose);
                insert.setLong(4, ttl.toSeconds());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the local database refused the link: " + e.getMessage(), e);
        }
        return URI.create(AccountLinks.link(template, run.page().toString(), token));
    }

    private static UUID userId(Connection connection, String email) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM users WHERE email = ?")) {
            select.setString(1, email);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no account with the address " + email);
                }
                return row.getObject(1, UUID.class);
            }
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
