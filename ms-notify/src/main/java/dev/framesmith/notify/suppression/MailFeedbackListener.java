package dev.framesmith.notify.suppression;

import dev.framesmith.contracts.MailFeedback;
import dev.framesmith.support.aws.ListenerQueues;
import dev.framesmith.support.messaging.QueueListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Consumes SES's bounces and complaints (through the configuration set's SNS topic) and suppresses each address of
 * a permanent bounce or a complaint; counts {@code framesmith.notify.suppressed{reason}}. Addresses are not logged.
 * A message whose SES event cannot be read goes to the dead-letter queue at once.
 */
@Component
class MailFeedbackListener {

    private static final Logger log = LoggerFactory.getLogger(MailFeedbackListener.class);

    static final String SUPPRESSED = "framesmith.notify.suppressed";

    private final Suppressions suppressions;
    private final MeterRegistry meters;

    MailFeedbackListener(Suppressions suppressions, MeterRegistry meters) {
        this.suppressions = suppressions;
        this.meters = meters;
        // At 0 from the start, so that increase() sees the first one.
        for (String reason : SesEvent.SUPPRESSING_REASONS) {
            meters.counter(SUPPRESSED, "reason", reason);
        }
    }

    @QueueListener(value = ListenerQueues.FEEDBACK, id = "framesmith-mail-feedback")
    void onFeedback(MailFeedback feedback) {
        SesEvent event = SesEvent.parse(feedback.sesEvent());
        int suppressed = 0;
        for (String address : event.addresses()) {
            if (suppressions.suppress(address, event.reason(), feedback.eventId())) {
                meters.counter(SUPPRESSED, "reason", event.reason()).increment();
                suppressed++;
            }
        }
        log.info("SES {} event: {} of {} addresses newly suppressed", event.type(), suppressed,
                event.addresses().size());
    }
}
