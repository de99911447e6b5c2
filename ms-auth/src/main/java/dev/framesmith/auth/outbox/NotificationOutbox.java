package dev.framesmith.auth.outbox;

import static dev.framesmith.auth.config.SqlTime.utc;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.support.tracing.Traces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code notification_outbox} table: notifications written in the transaction of the change that causes
 * them ({@link #add}), and sent afterwards by the {@link OutboxPublisher}.
 */
@Repository
public class NotificationOutbox {

    private final JdbcClient jdbc;
    private final Traces traces;
    private final Clock clock;

    NotificationOutbox(JdbcClient jdbc, Traces traces, Clock clock) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.clock = clock;
    }

    /** Keeps the notification for sending; joins the caller's transaction, which must exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(NotificationRequested notification) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO notification_outbox (event_id, body, traceparent, created_at, available_at)
                        VALUES (:id, :body, :traceparent, :now, :now)""")
                .param("id", notification.eventId())
                .param("body", MessageCodec.encode(notification))
                .param("traceparent", traces.traceparent())
                .param("now", utc(now))
                .update();
    }

    /** A message taken for sending. */
    record Pending(UUID eventId, String body, String traceparent, int attempts) {

        @Override
        public String toString() {
            return "Pending[eventId=" + eventId + ", attempts=" + attempts + "]";
        }
    }

    /**
     * Takes up to {@code max} messages that are due, oldest first, and leases them: no other publisher takes
     * them before the lease ends, and if this one dies they come back then.
     */
    List<Pending> claim(int max, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE notification_outbox SET available_at = :leaseEnd, attempts = attempts + 1
                        WHERE event_id IN (
                            SELECT event_id FROM notification_outbox WHERE available_at <= :now
                            ORDER BY available_at, created_at LIMIT :max FOR UPDATE SKIP LOCKED)
                        RETURNING event_id, body, traceparent, attempts""")
                .param("now", utc(now))
                .param("leaseEnd", utc(now.plus(lease)))
                .param("max", max)
                .query((row, n) -> new Pending(row.getObject("event_id", UUID.class), row.getString("body"),
                        row.getString("traceparent"), row.getInt("attempts")))
                .list();
    }

    /** SQS has the message. */
    void sent(UUID eventId) {
        jdbc.sql("DELETE FROM notification_outbox WHERE event_id = :id").param("id", eventId).update();
    }

    /** The send failed: try again after {@code delay}. */
    void retryLater(UUID eventId, Duration delay) {
        jdbc.sql("UPDATE notification_outbox SET available_at = :at WHERE event_id = :id")
                .param("at", utc(clock.instant().plus(delay)))
                .param("id", eventId)
                .update();
    }

    /** Messages not sent yet. */
    long pending() {
        return jdbc.sql("SELECT count(*) FROM notification_outbox").query(Long.class).single();
    }
}
