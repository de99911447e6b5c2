package dev.framesmith.worker.messaging;

import dev.framesmith.support.messaging.Backoff;
import dev.framesmith.worker.config.WorkerProperties;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.BackPressureMode;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The processing queue's listener container: {@code concurrency} jobs at a time, each received by a
 * thread as soon as it is free, with the worker's visibility timeout, acknowledged when the listener
 * returns and deleted at once; on shutdown it waits for running jobs a little longer than their grace
 * period. And the back-off of a job that failed for a passing reason.
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
                        // Each free thread polls for one message, at once. The defaults would make it wait: after
                        // an empty receive the container polls with every thread's permit and keeps them until the
                        // message it got is done, and it polls for a batch only once a batch of threads is free;
                        // a job sent while another runs (a user's next, sent when the last one starts) would wait
                        // for that one to end.
                        .maxMessagesPerPoll(1)
                        .backPressureMode(BackPressureMode.FIXED_HIGH_THROUGHPUT)
                        .pollTimeout(properties.pollTimeout())
                        .messageVisibility(Duration.ofSeconds(properties.visibilityTimeoutSeconds()))
                        .acknowledgementMode(AcknowledgementMode.MANUAL)
                        .acknowledgementInterval(Duration.ZERO)
                        .acknowledgementThreshold(0)
                        .listenerShutdownTimeout(properties.shutdownGrace().plus(SHUTDOWN_MARGIN))
                        // Started by ProcessingStart, once FFmpeg and its memory limit are known to be there.
                        .autoStartup(false))
                .build();
    }

    @Bean(RETRY_BACKOFF)
    Backoff jobRetryBackoff(WorkerProperties properties) {
        return new Backoff(properties.retryBackoff(), properties.maxRetryBackoff());
    }
}
