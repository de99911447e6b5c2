package dev.framesmith.auth.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code framesmith.auth.logins{outcome=success|invalid|locked}}. */
@Component
class LoginMetrics {

    private final Counter success;
    private final Counter invalid;
    private final Counter locked;

    LoginMetrics(MeterRegistry registry) {
        this.success = counter(registry, "success");
        this.invalid = counter(registry, "invalid");
        this.locked = counter(registry, "locked");
    }

    void success() {
        success.increment();
    }

    void invalid() {
        invalid.increment();
    }

    void locked() {
        locked.increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("framesmith.auth.logins")
                .description("Login attempts by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
