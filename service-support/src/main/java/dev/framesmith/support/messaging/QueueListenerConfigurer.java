package dev.framesmith.support.messaging;

import dev.framesmith.support.tracing.Traces;
import io.awspring.cloud.sqs.config.EndpointRegistrar;
import io.awspring.cloud.sqs.config.SqsListenerConfigurer;
import java.lang.reflect.Method;
import java.time.Clock;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * Installs the {@link QueueListener} mechanism into Spring Cloud AWS: the record resolver, and a handler-method
 * factory that wraps every {@code @QueueListener} method in a {@link QueueListenerMethod}.
 */
final class QueueListenerConfigurer implements SqsListenerConfigurer {

    private final BeanFactory beans;
    private final QueueSender sender;
    private final ApplicationEventPublisher events;
    private final Traces traces;
    private final Clock clock;

    QueueListenerConfigurer(BeanFactory beans, QueueSender sender, ApplicationEventPublisher events, Traces traces,
            Clock clock) {
        this.beans = beans;
        this.sender = sender;
        this.events = events;
        this.traces = traces;
        this.clock = clock;
    }

    @Override
    public void configure(EndpointRegistrar registrar) {
        registrar.manageMethodArgumentResolvers(resolvers -> {
            resolvers.add(0, new MessageRecords());
            resolvers.add(0, new DeliveryArguments(clock));
        });
        registrar.setMessageHandlerMethodFactory(new DefaultMessageHandlerMethodFactory() {
            @Override
            public InvocableHandlerMethod createInvocableHandlerMethod(Object bean, Method method) {
                InvocableHandlerMethod handler = super.createInvocableHandlerMethod(bean, method);
                QueueListener listener = AnnotatedElementUtils.findMergedAnnotation(method, QueueListener.class);
                if (listener == null) {
                    return handler;
                }
                Backoff backoff = listener.retryBackoff().isEmpty() ? null
                        : beans.getBean(listener.retryBackoff(), Backoff.class);
                return new QueueListenerMethod(handler, listener.unreadable(), backoff, sender, events, traces,
                        clock);
            }
        });
    }
}
