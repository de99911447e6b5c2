package dev.framesmith.support.messaging;

import java.time.Clock;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/** Resolves a {@link QueueListener} method's {@link Delivery} parameter from the message's SQS attributes. */
final class DeliveryArguments implements HandlerMethodArgumentResolver {

    private final Clock clock;

    DeliveryArguments(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Delivery.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, org.springframework.messaging.Message<?> message) {
        return Delivery.of(message, clock.instant());
    }
}
