package dev.framesmith.worker.messaging;

import dev.framesmith.support.messaging.Backoff;
import dev.framesmith.worker.config.WorkerProperties;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The processing queue's listener container: {@code concurrency} jobs at a time, each received
 * with the worker's visibility timeout, acknowledged when the listener returns and deleted at once;
 * on shutdown it waits for running jobs a little longer than their grace period. And the back-off of
 * a job that failed for a passing reason.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

    static final String FACTORY = "processingListenerContainerFactory";
    static final String RETRY_BACKOFF = "jobRetryBackoff";
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(15);

    @Bean(FACTORY)
    SqsMessageListenerContainerFactory<Object> processingListenerContainerFactory(SqsAsyncClient sqs,
            WorkerProperties properties) {
        return SqsMessageListenerContainerFactory.builder()
                .sqsAsyncClient(sqs)
                .configure(options -> options
                        .maxConcurrentMessages(properties.concurrency())
                        .maxMessagesPerPoll(properties.concurrency())
                        .pollTimeout(properties.pollTimeout())
                        .messageVisibility(Duration.ofSeconds(properties.visibilityTimeoutSeconds()))
                        .acknowledgementMode(AcknowledgementMode.MANUAL)
                        .acknowledgementInterval(Duration.ZERO)
                        .acknowledgementThreshold(0)
                        .listenerShutdownTimeout(properties.shutdownGrace().plus(SHUTDOWN_MARGIN)))
                .build();
    }

    @Bean(RETRY_BACKOFF)
    Backoff jobRetryBackoff(WorkerProperties properties) {
        return new Backoff(properties.retryBackoff(), properties.maxRetryBackoff());
    }
}
