package dev.framesmith.auth.login;

import static dev.framesmith.auth.config.SqlTime.utc;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code login_failures} table: one row per failed login, with the e-mail address tried and the client address.
 *
 * <p>An attempt is recorded <em>before</em> its password is checked ({@link #record}); its row counts as a failure
 * unless the attempt turns out refused ({@link #forget}) or successful ({@link #succeeded}). So parallel guesses see
 * each other, and no more than the limits of them ever reach the password check.
 */
@Repository
class LoginFailures {

    private final JdbcClient jdbc;

    LoginFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the attempt's row */
    long record(String email, String address, Instant at) {
        return jdbc.sql("""
                        INSERT INTO login_failures (email, address, failed_at) VALUES (:email, :address, :at)
                        RETURNING id""")
                .param("email", email)
                .param("address", address)
                .param("at", utc(at))
                .query(Long.class)
                .single();
    }

    /** Failures of one account from one address since {@code since}, other than the attempt itself, and the latest. */
    record PairFailures(int count, Optional<Instant> latest) {
    }

    PairFailures ofPair(String email, String address, Instant since, long ownRow) {
        return jdbc.sql("""
                        SELECT count(*) AS failures, max(failed_at) AS latest FROM login_failures
                        WHERE email = :email AND address = :address AND failed_at > :since AND id <> :own""")
                .param("email", email)
                .param("address", address)
                .param("since", utc(since))
                .param("own", ownRow)
                .query((row, n) -> new PairFailures(row.getInt("failures"),
                        Optional.ofNullable(row.getObject("latest", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)))
                .single();
    }

    /** When failures from the address stop exceeding {@code limit} within {@code window}, if they do now. */
    Optional<Instant> addressOpensAt(String address, int limit, Duration window, Instant now, long ownRow) {
        return opensAt("address = :subject", address, limit, window, now, ownRow);
    }

    /** When failures for the account stop exceeding {@code limit} within {@code window}, if they do now. */
    Optional<Instant> accountOpensAt(String email, int limit, Duration window, Instant now, long ownRow) {
        return opensAt("email = :subject", email, limit, window, now, ownRow);
    }

    /** The {@code limit}-th newest failure in the window, other than the attempt itself, leaves it then. */
    private Optional<Instant> opensAt(String condition, String subject, int limit, Duration window, Instant now,
            long ownRow) {
        return jdbc.sql("SELECT failed_at FROM login_failures WHERE " + condition + """
                         AND failed_at > :since AND id <> :own
                        ORDER BY failed_at DESC, id DESC
                        OFFSET :skip LIMIT 1""")
                .param("subject", subject)
                .param("since", utc(now.minus(window)))
                .param("own", ownRow)
                .param("skip", limit - 1)
                .query((row, n) -> row.getObject("failed_at", OffsetDateTime.class).toInstant().plus(window))
                .optional();
    }

    /** Drops an attempt that never reached the password check. */
    void forget(long row) {
        jdbc.sql("DELETE FROM login_failures WHERE id = :row").param("row", row).update();
    }

    /**
     * After a successful login: the attempt is no failure, and the owner's own mistakes from this address are
     * forgiven. Failures from elsewhere stay: a success must not reset the budget a distributed guess has used.
     */
    void succeeded(String email, String address, long row) {
        jdbc.sql("DELETE FROM login_failures WHERE id = :row OR (email = :email AND address = :address)")
                .param("row", row)
                .param("email", email)
                .param("address", address)
                .update();
    }

    /** Removes failures that no longer count. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_failures WHERE failed_at <= :cutoff").param("cutoff", utc(cutoff)).update();
    }
}
