package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code framesmith.notify.sent{template}}, {@code framesmith.notify.failed{template,reason}} and
 * {@code framesmith.notify.retried{template}}. Each template's counters, and its failures for the reasons decided
 * here (the provider's own reasons appear when they happen), exist at 0 from the start, so that {@code increase()}
 * sees the first one too.
 */
@Component
class DeliveryMetrics {

    static final String SENT = "framesmith.notify.sent";
    static final String FAILED = "framesmith.notify.failed";
    static final String RETRIED = "framesmith.notify.retried";
    static final String SUPPRESSED = "suppressed";
    static final String INVALID_CONTENT = "invalid-content";
    static final String ABANDONED = "abandoned";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (NotificationTemplate template : NotificationTemplate.values()) {
            registry.counter(SENT, "template", template.name());
            registry.counter(RETRIED, "template", template.name());
            for (String reason : List.of(SUPPRESSED, INVALID_CONTENT, ABANDONED)) {
                registry.counter(FAILED, "template", template.name(), "reason", reason);
            }
        }
    }

    void sent(NotificationTemplate template) {
        registry.counter(SENT, "template", template.name()).increment();
    }

    void failed(NotificationTemplate template, String reason) {
        registry.counter(FAILED, "template", template.name(), "reason", reason).increment();
    }

    void retried(NotificationTemplate template) {
        registry.counter(RETRIED, "template", template.name()).increment();
    }
}
