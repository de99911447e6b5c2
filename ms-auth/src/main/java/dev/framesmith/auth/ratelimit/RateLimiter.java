package dev.framesmith.auth.ratelimit;

import static dev.framesmith.auth.config.SqlTime.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sliding-window limits counted in PostgreSQL ({@code rate_limit_hits}), shared by every replica. A request is
 * recorded before it is checked, so parallel requests see each other; a refused one is removed again, so
 * hammering a closed limit does not keep it closed.
 */
@Repository
public class RateLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one request of {@code subject} in {@code bucket}.
     *
     * @return empty when the request is within the limit; otherwise how long until it would be
     */
    public Optional<Duration> tryAcquire(String bucket, String subject, RateLimit limit) {
        Instant now = clock.instant();
        long own = jdbc.sql("""
                        INSERT INTO rate_limit_hits (bucket, subject, hit_at) VALUES (:bucket, :subject, :at)
                        RETURNING id""")
                .param("bucket", bucket)
                .param("subject", subject)
                .param("at", utc(now))
                .query(Long.class)
                .single();
        Optional<Instant> openAgain = jdbc.sql("""
                        SELECT hit_at FROM rate_limit_hits
                        WHERE bucket = :bucket AND subject = :subject AND hit_at > :since AND id <> :own
                        ORDER BY hit_at DESC, id DESC
                        OFFSET :skip LIMIT 1""")
                .param("bucket", bucket)
                .param("subject", subject)
                .param("since", utc(now.minus(limit.window())))
                .param("own", own)
                .param("skip", limit.max() - 1)
                .query((row, n) -> row.getObject("hit_at", OffsetDateTime.class).toInstant().plus(limit.window()))
                .optional();
        if (openAgain.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("DELETE FROM rate_limit_hits WHERE id = :own").param("own", own).update();
        return Optional.of(Duration.between(now, openAgain.get()));
    }

    /** Removes requests that no longer count. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM rate_limit_hits WHERE hit_at <= :cutoff").param("cutoff", utc(cutoff)).update();
    }
}
