package dev.framesmith.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code login_failures} table: a sliding-window count of failed logins per e-mail address and
 * per client address.
 *
 * <p>An attempt is recorded <em>before</em> its password is checked ({@link #record}); that row counts as
 * a failure unless the attempt turns out locked ({@link #forget}) or successful ({@link #clear}). So
 * parallel guesses see each other, and no more than the limit of them ever reach the password check.
 */
@Repository
class LoginFailures {

    static final String EMAIL = "email";
    static final String ADDRESS = "address";

    private final JdbcClient jdbc;

    LoginFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One attempt's two rows. */
    record Attempt(long emailRow, long addressRow) {
    }

    Attempt record(String email, String address, Instant at) {
        List<Row> rows = jdbc.sql("""
                        INSERT INTO login_failures (scope, subject, failed_at)
                        VALUES ('email', :email, :at), ('address', :address, :at)
                        RETURNING id, scope""")
                .param("email", email)
                .param("address", address)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .query((row, n) -> new Row(row.getLong("id"), row.getString("scope")))
                .list();
        return new Attempt(idOf(rows, EMAIL), idOf(rows, ADDRESS));
    }

    /**
     * When a subject stops being locked, if it is locked now: the {@code limit}-th newest failure in the
     * window, other than the attempt itself, leaves the window then.
     */
    Optional<Instant> lockedUntil(String scope, String subject, int limit, Duration window, Instant now,
            long ownRow) {
        return jdbc.sql("""
                        SELECT failed_at FROM login_failures
                        WHERE scope = :scope AND subject = :subject AND failed_at > :since AND id <> :own
                        ORDER BY failed_at DESC, id DESC
                        OFFSET :skip LIMIT 1""")
                .param("scope", scope)
                .param("subject", subject)
                .param("since", OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC))
                .param("own", ownRow)
                .param("skip", limit - 1)
                .query((row, n) -> row.getObject("failed_at", OffsetDateTime.class).toInstant().plus(window))
                .optional();
    }

    /** Drops an attempt that never reached the password check. */
    void forget(Attempt attempt) {
        jdbc.sql("DELETE FROM login_failures WHERE id IN (:emailRow, :addressRow)")
                .param("emailRow", attempt.emailRow())
                .param("addressRow", attempt.addressRow())
                .update();
    }

    /** After a successful login: the e-mail address's failures are forgiven, the attempt itself is no failure. */
    void clear(String email, Attempt attempt) {
        jdbc.sql("""
                        DELETE FROM login_failures
                        WHERE (scope = 'email' AND subject = :email) OR id = :addressRow""")
                .param("email", email)
                .param("addressRow", attempt.addressRow())
                .update();
    }

    private static long idOf(List<Row> rows, String scope) {
        return rows.stream().filter(row -> row.scope().equals(scope)).findFirst().orElseThrow().id();
    }

    private record Row(long id, String scope) {
    }

    /** Removes failures that no longer count. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_failures WHERE failed_at <= :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }
}
