package dev.framesmith.support.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * {@link Traces} on the service's tracer (none where tracing is off, as in web slices), and the {@code traceparent}
 * response header naming the request's trace. Spring traces every HTTP request itself (continuing the caller's
 * W3C {@code traceparent}, unless the request came from the internet: {@link ForwardedTraceContextFilter}), and puts
 * {@code traceId} and {@code spanId} in the log context of every line.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"})
public class TracingAutoConfiguration {

    @Bean
    Traces framesmithTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<ForwardedTraceContextFilter> forwardedTraceContextFilter() {
        FilterRegistrationBean<ForwardedTraceContextFilter> registration =
                new FilterRegistrationBean<>(new ForwardedTraceContextFilter());
        // Before Spring's request observation (HIGHEST_PRECEDENCE + 1) reads the trace context.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<TraceResponseHeaderFilter> traceResponseHeaderFilter(Traces traces) {
        FilterRegistrationBean<TraceResponseHeaderFilter> registration =
                new FilterRegistrationBean<>(new TraceResponseHeaderFilter(traces));
        // Inside Spring's request observation (HIGHEST_PRECEDENCE + 1), whose span it names.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
