package dev.framesmith.testsupport.listenerfixture.container;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** A fixture of {@code StructureRulesTest}: listener containers built by hand, outside {@code @QueueListener}. */
class ContainerPoller {

    private final SqsAsyncClient sqs;
    private final SqsMessageListenerContainerFactory<String> factory;

    ContainerPoller(SqsAsyncClient sqs, SqsMessageListenerContainerFactory<String> factory) {
        this.sqs = sqs;
        this.factory = factory;
    }

    SqsMessageListenerContainer<String> built() {
        return SqsMessageListenerContainer.<String>builder().sqsAsyncClient(sqs).queueNames("jobs")
                .messageListener(message -> { }).build();
    }

    SqsMessageListenerContainer<String> constructed() {
        return new SqsMessageListenerContainer<>(sqs);
    }

    SqsMessageListenerContainer<String> fromTheFactory() {
        return factory.createContainer("jobs");
    }
}
