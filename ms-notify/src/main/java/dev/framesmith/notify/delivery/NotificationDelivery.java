package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.notify.suppression.Suppressions;
import dev.framesmith.notify.templates.NotificationRenderer;
import dev.framesmith.notify.templates.RenderedEmail;
import dev.framesmith.notify.templates.UnsafeContentException;
import dev.framesmith.support.messaging.RetryLaterException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends one notification at most once: claim it in the delivery log, skip a suppressed address, render, send, record
 * the outcome. An e-mail sent but not recorded (DynamoDB unreachable) is recorded later, never sent again by this
 * consumer ({@link UnrecordedSends}).
 */
@Component
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    enum Outcome { SENT, FAILED, DUPLICATE }

    private final DeliveryLog deliveries;
    private final NotificationRenderer renderer;
    private final MailSender mail;
    private final DeliveryMetrics metrics;
    private final Suppressions suppressions;
    private final SendingHold hold;
    private final UnrecordedSends unrecorded;

    NotificationDelivery(DeliveryLog deliveries, NotificationRenderer renderer, MailSender mail,
            DeliveryMetrics metrics, Suppressions suppressions, SendingHold hold, UnrecordedSends unrecorded) {
        this.suppressions = suppressions;
        this.hold = hold;
        this.unrecorded = unrecorded;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.mail = mail;
        this.metrics = metrics;
    }

    /**
     * @throws RetryLaterException when it must come back later (transient SES failure, or another consumer owns it)
     */
    Outcome deliver(NotificationRequested request) {
        Optional<String> alreadySent = unrecorded.messageId(request.eventId());
        if (alreadySent.isPresent()) {
            record(request, alreadySent.get());
            log.info("Notification was sent before as SES message {}, recorded now", alreadySent.get());
            return Outcome.DUPLICATE;
        }
        Claim claim = deliveries.claim(request);
        if (claim instanceof Claim.Finished finished) {
            log.info("Notification already {}, nothing sent again", finished.status());
            return Outcome.DUPLICATE;
        }
        if (claim instanceof Claim.Busy busy) {
            log.info("Notification is being sent by another consumer until {}", busy.until());
            throw new RetryLaterException("another consumer is sending this notification", busy.until());
        }
        int attempt = ((Claim.Owned) claim).attempt();
        Optional<String> suppressed = suppressions.reason(request.recipientEmail());
        if (suppressed.isPresent()) {
            deliveries.failed(request.eventId(), attempt, "suppressed: the address had a " + suppressed.get());
            metrics.failed(request.template(), DeliveryMetrics.SUPPRESSED);
            log.warn("Notification not sent: the address is suppressed after a {}", suppressed.get());
            return Outcome.FAILED;
        }
        RenderedEmail email;
        try {
            email = renderer.render(request);
        } catch (UnsafeContentException e) {
            deliveries.failed(request.eventId(), attempt, "invalid-content: " + e.getMessage());
            metrics.failed(request.template(), DeliveryMetrics.INVALID_CONTENT);
            log.warn("Notification not sent: {}", e.getMessage());
            return Outcome.FAILED;
        }
        String messageId;
        try {
            messageId = mail.send(request.recipientEmail(), email, request.template());
        } catch (MailSendException e) {
            String error = e.recorded();
            if (!e.retryable()) {
                deliveries.failed(request.eventId(), attempt, error);
                metrics.failed(request.template(), e.reason());
                log.warn("Notification refused by SES for good on attempt {}: {}", attempt, error);
                return Outcome.FAILED;
            }
            deliveries.release(request.eventId(), attempt, error);
            metrics.retried(request.template());
            if (e.reason().equals(SesErrors.SENDING_PAUSED)) {
                hold.paused();
            }
            log.warn("Notification not sent on attempt {}, will try again: {}", attempt, error);
            throw new RetryLaterException(error, e);
        }
        metrics.sent(request.template());
        log.info("Notification {} sent on attempt {} as SES message {}", request.template(), attempt, messageId);
        record(request, messageId);
        return Outcome.SENT;
    }

    /** SES accepted the e-mail: one that cannot be recorded now comes back, to be recorded, never sent again. */
    private void record(NotificationRequested request, String messageId) {
        try {
            unrecorded.record(request.eventId(), messageId);
        } catch (SdkException e) {
            throw new RetryLaterException("sent as SES message " + messageId + " but not recorded yet: " + e, e);
        }
    }
}
