package dev.framesmith.video.config;

import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ProvisionedTable;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.storage.VideoObjects;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The AWS resources ms-video works with: the videos table and the bucket. */
@Configuration(proxyBeanMethods = false)
class VideoResources {

    static final TableSchema<Video> VIDEO_SCHEMA = TableSchema.fromBean(Video.class);

    /** The videos table with its indexes, created at start-up where provisioning is on (local run, tests). */
    @Bean
    ProvisionedTable videosTable(FramesmithAwsProperties aws) {
        return new ProvisionedTable(aws.tables().videos(), VIDEO_SCHEMA, VideoStore.INDEXES);
    }

    @Bean
    VideoStore videoStore(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, FramesmithAwsProperties aws,
            MeterRegistry meters, Clock clock) {
        return new VideoStore(enhanced.table(aws.tables().videos(), VIDEO_SCHEMA), dynamo, meters, clock);
    }

    @Bean
    VideoObjects videoObjects(S3Client s3, S3Presigner presigner, FramesmithAwsProperties aws) {
        return new VideoObjects(s3, presigner, aws.bucket());
    }
}
