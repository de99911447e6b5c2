package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code framesmith.notify.sent{template}}, {@code framesmith.notify.failed{template,reason}} and
 * {@code framesmith.notify.retried{template}}.
 */
@Component
class DeliveryMetrics {

    static final String SENT = "framesmith.notify.sent";
    static final String FAILED = "framesmith.notify.failed";
    static final String RETRIED = "framesmith.notify.retried";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
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
