package dev.framesmith.support.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class AwsSupportAutoConfigurationTest {

    @Test
    void objectTransfersAreToldApartFromControlCalls() {
        assertThat(AwsSupportAutoConfiguration.isS3(S3Client.builder())).isTrue();
        assertThat(AwsSupportAutoConfiguration.isS3(S3AsyncClient.builder())).isTrue();
        assertThat(AwsSupportAutoConfiguration.isS3(SqsAsyncClient.builder())).isFalse();
        assertThat(AwsSupportAutoConfiguration.isS3(DynamoDbClient.builder())).isFalse();
    }
}
