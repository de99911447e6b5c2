package dev.framesmith.auth.ratelimit;

import static dev.framesmith.auth.config.SqlTime.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sliding-window limits counted in PostgreSQL ({@code rate_limit_hits}), shared by every replica. A refused request
 * is removed again, so hammering a closed limit does not keep it closed.
 *
 * <p>Parallel requests of one subject in one bucket are counted one after the other. Each count runs in a
 * transaction, the caller's when there is one (the per-account e-mail limits, whose hit is kept only if the e-mail
 * is), and first takes a transaction-scoped advisory lock on the pair: the next request counts only once the
 * previous one's transaction has ended, and so sees its hit. Without the lock, under READ COMMITTED, requests whose
 * transactions overlap would not see each other's uncommitted hits, and a burst could pass the limit.
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
    @Transactional
    public Optional<Duration> tryAcquire(String bucket, String subject, RateLimit limit) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", bucket + " " + subject)
                .query((row, n) -> n)
                .single();
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
