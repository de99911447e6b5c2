package dev.framesmith.support.aws;

import dev.framesmith.support.tracing.AwsCallSpans;
import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * AWS mechanics shared by the services: resource names ({@link FramesmithAwsProperties}), a
 * timeout on every AWS call, reachability health checks, and, when
 * {@code framesmith.aws.provision.enabled} is set, creation of the bucket, the queues with their
 * dead-letter queues, and the service's tables before anything uses them.
 */
@AutoConfiguration(afterName = {
        "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration",
        "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration",
        "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration"})
@ConditionalOnClass(AwsSyncClientCustomizer.class)
@EnableConfigurationProperties(FramesmithAwsProperties.class)
public class AwsSupportAutoConfiguration {

    /** Every call has a deadline; object transfers get a longer one than control calls. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);

    /** Deadlines, and spans for the S3 and DynamoDB calls made inside a trace (only the SQS clients are async). */
    @Bean
    AwsSyncClientCustomizer framesmithSyncClients(ObjectProvider<Tracer> tracer) {
        AwsCallSpans spans = new AwsCallSpans(tracer.getIfAvailable(() -> Tracer.NOOP));
        return builder -> configure(builder, isS3(builder), spans);
    }

    @Bean
    AwsAsyncClientCustomizer framesmithAsyncClients() {
        return builder -> configure(builder, isS3(builder), null);
    }

    /** By package name, so that services without the S3 SDK never load its classes. */
    static boolean isS3(Object builder) {
        return builder.getClass().getPackageName().equals("software.amazon.awssdk.services.s3");
    }

    private static void configure(Object builder, boolean transfers, AwsCallSpans spans) {
        if (builder instanceof SdkClientBuilder<?, ?> client) {
            ClientOverrideConfiguration.Builder configuration = ClientOverrideConfiguration.builder()
                    .apiCallTimeout(transfers ? TRANSFER_TIMEOUT : CALL_TIMEOUT);
            if (spans != null) {
                configuration.addExecutionInterceptor(spans);
            }
            client.overrideConfiguration(configuration.build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SqsAsyncClient.class)
    @ConditionalOnBean(SqsAsyncClient.class)
    static class SqsSupport {

        @Bean
        @ConditionalOnProperty("framesmith.aws.provision.enabled")
        QueueProvisioner framesmithQueueProvisioner(SqsAsyncClient sqs, FramesmithAwsProperties properties) {
            return new QueueProvisioner(sqs, properties);
        }

        @Bean
        AwsHealth.Sqs sqsHealthIndicator(SqsAsyncClient sqs, FramesmithAwsProperties properties) {
            return new AwsHealth.Sqs(sqs, properties.health().queues().stream().map(properties::queueName).toList());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3Client.class)
    @ConditionalOnBean(S3Client.class)
    static class S3Support {

        @Bean
        @ConditionalOnProperty("framesmith.aws.provision.enabled")
        BucketProvisioner framesmithBucketProvisioner(S3Client s3, FramesmithAwsProperties properties) {
            return new BucketProvisioner(s3, properties);
        }

        @Bean
        AwsHealth.S3 s3HealthIndicator(S3Client s3, FramesmithAwsProperties properties) {
            return new AwsHealth.S3(s3, properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DynamoDbEnhancedClient.class)
    @ConditionalOnBean(DynamoDbClient.class)
    static class DynamoDbSupport {

        @Bean
        @ConditionalOnProperty("framesmith.aws.provision.enabled")
        TableProvisioner framesmithTableProvisioner(DynamoDbClient dynamo, List<ProvisionedTable> tables) {
            return new TableProvisioner(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), dynamo,
                    tables);
        }

        @Bean
        AwsHealth.DynamoDb dynamoDbHealthIndicator(DynamoDbClient dynamo, List<ProvisionedTable> tables) {
            return new AwsHealth.DynamoDb(dynamo, tables);
        }
    }
}
