package dev.framesmith.video.dispatch;

import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.config.VideoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean
    Slots slots(DynamoDbClient dynamo, VideoStore store, VideoProperties properties) {
        return new Slots(dynamo, store.tableName(), properties.maxInFlightPerUser(),
                properties.maxQueuedPerUser());
    }
}
