package dev.framesmith.support.aws;

import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Reachability of the AWS resources a service uses, for {@code /actuator/health}. */
final class AwsHealth {

    private AwsHealth() {
    }

    static final class Sqs extends AbstractHealthIndicator {
        private final SqsAsyncClient sqs;
        private final List<String> queues;

        Sqs(SqsAsyncClient sqs, FramesmithAwsProperties properties) {
            super("SQS is unreachable");
            this.sqs = sqs;
            var names = properties.queues();
            this.queues = List.of(names.processing(), names.events(), names.notifications());
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            for (String queue : queues) {
                sqs.getQueueUrl(request -> request.queueName(queue)).join();
            }
            builder.up().withDetail("queues", queues);
        }
    }

    static final class S3 extends AbstractHealthIndicator {
        private final S3Client s3;
        private final String bucket;

        S3(S3Client s3, FramesmithAwsProperties properties) {
            super("S3 is unreachable");
            this.s3 = s3;
            this.bucket = properties.bucket();
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            s3.headBucket(request -> request.bucket(bucket));
            builder.up().withDetail("bucket", bucket);
        }
    }

    static final class DynamoDb extends AbstractHealthIndicator {
        private final DynamoDbClient dynamo;
        private final List<ProvisionedTable> tables;

        DynamoDb(DynamoDbClient dynamo, List<ProvisionedTable> tables) {
            super("DynamoDB is unreachable");
            this.dynamo = dynamo;
            this.tables = tables;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            for (ProvisionedTable table : tables) {
                dynamo.describeTable(request -> request.tableName(table.name()));
            }
            builder.up().withDetail("tables", tables.stream().map(ProvisionedTable::name).toList());
        }
    }
}
