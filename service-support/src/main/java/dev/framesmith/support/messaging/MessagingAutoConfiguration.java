package dev.framesmith.support.messaging;

import io.awspring.cloud.sqs.config.SqsListenerConfigurer;
import java.time.Clock;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Trace context for every HTTP request, a {@link QueueSender} wherever there is SQS, and the {@link QueueListener}
 * mechanism wherever Spring Cloud AWS listens to queues.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<TraceContextFilter> traceContextFilter() {
        FilterRegistrationBean<TraceContextFilter> registration = new FilterRegistrationBean<>(new TraceContextFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SqsAsyncClient.class)
    @ConditionalOnBean(SqsAsyncClient.class)
    static class Sqs {

        @Bean
        @ConditionalOnMissingBean
        QueueSender queueSender(SqsAsyncClient sqs) {
            return new QueueSender(sqs);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.awspring.cloud.sqs.config.SqsListenerConfigurer")
    @ConditionalOnBean(SqsAsyncClient.class)
    static class QueueListeners {

        @Bean
        SqsListenerConfigurer framesmithQueueListeners(BeanFactory beans, QueueSender sender,
                ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
            return new QueueListenerConfigurer(beans, sender, events, clock.getIfAvailable(Clock::systemUTC));
        }
    }
}
