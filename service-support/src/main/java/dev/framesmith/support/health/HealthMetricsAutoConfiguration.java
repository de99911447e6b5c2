package dev.framesmith.support.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;

/**
 * Metrics every service publishes the same way: the latency histogram of {@code http.server.requests} (the p95
 * panels and SLO alerts need its buckets) and the state of the {@code dependencies} health group as a gauge, so
 * that an unreachable dependency pages someone without taking the pods out of the load balancer.
 */
@AutoConfiguration
@ConditionalOnClass({MeterRegistry.class, HealthEndpoint.class})
public class HealthMetricsAutoConfiguration {

    @Bean
    MeterFilter framesmithHttpServerHistogram() {
        return new HttpServerHistogram();
    }

    @Bean
    DependencyHealthGauge framesmithDependencyHealthGauge(ObjectProvider<HealthEndpoint> health) {
        return new DependencyHealthGauge(health);
    }
}
