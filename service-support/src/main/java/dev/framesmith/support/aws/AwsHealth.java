package dev.framesmith.support.aws;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Reachability of the AWS resources a service uses, each indicator touching only what the service's IAM role
 * allows: its own queues ({@code framesmith.aws.health.queues}), the bucket, its own tables. The services put
 * them in the {@code dependencies} health group, not in readiness: an AWS outage must not take every pod out of
 * the load balancer.
 */
final class AwsHealth {

    /** A health check answers quickly or reports the dependency down; it never waits for the call timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private AwsHealth() {
    }

    static final class Sqs extends AbstractHealthIndicator {
        private final SqsAsyncClient sqs;
        private final List<String> queues;

        Sqs(SqsAsyncClient sqs, List<String> queues) {
            super("SQS is unreachable");
            this.sqs = sqs;
            this.queues = List.copyOf(queues);
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            if (queues.isEmpty()) {
                builder.unknown().withDetail("queues", queues);
                return;
            }
            for (String queue : queues) {
                sqs.getQueueUrl(request -> request.queueName(queue)
                        .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT))).join();
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
            s3.headBucket(request -> request.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
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
                dynamo.describeTable(request -> request.tableName(table.name())
                        .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
            }
            builder.up().withDetail("tables", tables.stream().map(ProvisionedTable::name).toList());
        }
    }
}
