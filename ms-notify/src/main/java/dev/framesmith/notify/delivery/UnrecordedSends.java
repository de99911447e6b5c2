package dev.framesmith.notify.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * E-mails SES accepted whose {@code SENT} record could not be written (DynamoDB unreachable just then), by event id,
 * with their SES message id. Their records are written again every {@link #RETRY_EVERY} until DynamoDB takes them,
 * and a notification received again meanwhile is recorded from here instead of being sent a second time. Kept in
 * memory, at most {@link #CAPACITY} (the oldest is dropped first, and would be sent again): a consumer that dies
 * before the record is written still leaves the at-least-once window the delivery log describes.
 * {@code framesmith.notify.unrecorded} counts them.
 */
@Component
class UnrecordedSends implements DisposableBean {

    static final String GAUGE = "framesmith.notify.unrecorded";
    static final int CAPACITY = 10_000;
    static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(UnrecordedSends.class);

    private final DeliveryLog deliveries;
    private final Map<UUID, String> messageIds = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > CAPACITY;
        }
    };
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "unrecorded-sends");
        thread.setDaemon(true);
        return thread;
    });

    UnrecordedSends(DeliveryLog deliveries, MeterRegistry meters) {
        this.deliveries = deliveries;
        meters.gauge(GAUGE, this, UnrecordedSends::size);
        retries.scheduleWithFixedDelay(this::recordAll, RETRY_EVERY.toMillis(), RETRY_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The SES message id of an e-mail already sent for this event and not yet recorded. */
    synchronized Optional<String> messageId(UUID eventId) {
        return Optional.ofNullable(messageIds.get(eventId));
    }

    /**
     * Records the e-mail as {@code SENT}; when DynamoDB refuses, keeps it here to be recorded later.
     *
     * @throws SdkException when the record could not be written now
     */
    void record(UUID eventId, String sesMessageId) {
        try {
            deliveries.sent(eventId, sesMessageId);
        } catch (SdkException e) {
            synchronized (this) {
                messageIds.put(eventId, sesMessageId);
            }
            throw e;
        }
        synchronized (this) {
            messageIds.remove(eventId);
        }
    }

    synchronized int size() {
        return messageIds.size();
    }

    private void recordAll() {
        Map<UUID, String> pending;
        synchronized (this) {
            pending = Map.copyOf(messageIds);
        }
        for (Map.Entry<UUID, String> sent : pending.entrySet()) {
            try {
                record(sent.getKey(), sent.getValue());
            } catch (SdkException e) {
                log.debug("Still cannot record notifications already sent: {}", e.toString());
                return;
            }
            log.info("Notification sent earlier as SES message {} is recorded now", sent.getValue());
        }
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
