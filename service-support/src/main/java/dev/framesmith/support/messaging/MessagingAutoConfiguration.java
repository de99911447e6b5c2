package dev.framesmith.support.messaging;

import dev.framesmith.support.tracing.Traces;
import io.awspring.cloud.sqs.config.SqsListenerConfigurer;
import java.time.Clock;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * A {@link QueueSender} wherever there is SQS, and the {@link QueueListener} mechanism wherever Spring Cloud AWS
 * listens to queues, both tracing each message ({@link Traces}).
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
public class MessagingAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SqsAsyncClient.class)
    @ConditionalOnBean(SqsAsyncClient.class)
    static class Sqs {

        @Bean
        @ConditionalOnMissingBean
        QueueSender queueSender(SqsAsyncClient sqs, Traces traces) {
            return new QueueSender(sqs, traces);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.awspring.cloud.sqs.config.SqsListenerConfigurer")
    @ConditionalOnBean(SqsAsyncClient.class)
    static class QueueListeners {

        @Bean
        SqsListenerConfigurer framesmithQueueListeners(BeanFactory beans, QueueSender sender,
                ApplicationEventPublisher events, Traces traces, ObjectProvider<Clock> clock) {
            return new QueueListenerConfigurer(beans, sender, events, traces, clock.getIfAvailable(Clock::systemUTC));
        }
    }
}
