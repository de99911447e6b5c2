package dev.framesmith.support.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code framesmith_dependencies_up}: 1 while the {@code dependencies} health group (the AWS resources or the
 * database the service uses) is UP, 0 otherwise, evaluated at each scrape. Readiness leaves these out on purpose;
 * this gauge is what alerts on them.
 */
class DependencyHealthGauge implements MeterBinder {

    static final String GROUP = "dependencies";
    static final String METER = "framesmith.dependencies.up";

    private final ObjectProvider<HealthEndpoint> health;

    DependencyHealthGauge(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METER, this, DependencyHealthGauge::value)
                .description("1 while every dependency of the health group '" + GROUP + "' is up, else 0")
                .register(registry);
    }

    double value() {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return Double.NaN;
        }
        HealthDescriptor group = endpoint.healthForPath(GROUP);
        if (group == null) {
            return Double.NaN;
        }
        return Status.UP.equals(group.getStatus()) ? 1 : 0;
    }
}
