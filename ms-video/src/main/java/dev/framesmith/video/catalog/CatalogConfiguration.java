package dev.framesmith.video.catalog;

import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ProvisionedTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The videos table: its schema and indexes, and the store over it. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    static final TableSchema<Video> VIDEO_SCHEMA = TableSchema.fromBean(Video.class);

    /** The videos table with its indexes, created at start-up where provisioning is on (local run, tests). */
    @Bean
    ProvisionedTable videosTable(FramesmithAwsProperties aws) {
        return new ProvisionedTable(aws.tables().videos(), VIDEO_SCHEMA, VideoStore.INDEXES);
    }

    /** The store, through a client of its own that keeps the index of pending videos in step with each status. */
    @Bean
    VideoStore videoStore(DynamoDbClient dynamo, FramesmithAwsProperties aws, MeterRegistry meters, Clock clock,
            ApplicationEventPublisher events) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo)
                .extensions(new PendingIndex()).build();
        return new VideoStore(enhanced.table(aws.tables().videos(), VIDEO_SCHEMA), dynamo, meters, clock, events);
    }
}
