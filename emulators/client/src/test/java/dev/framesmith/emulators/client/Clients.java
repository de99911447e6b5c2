package dev.framesmith.emulators.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real AWS SDK v2 clients pointed at a kit, configured as the services configure theirs. */
final class Clients {

    private Clients() {
    }

    static SqsClient sqs(Endpoints endpoints) {
        return SqsClient.builder().endpointOverride(endpoints.sqs())
                .region(region(endpoints)).credentialsProvider(credentials(endpoints)).build();
    }

    static S3Client s3(Endpoints endpoints) {
        return S3Client.builder().endpointOverride(endpoints.s3()).forcePathStyle(true)
                .region(region(endpoints)).credentialsProvider(credentials(endpoints)).build();
    }

    static S3Presigner presigner(Endpoints endpoints) {
        return S3Presigner.builder().endpointOverride(endpoints.s3())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .region(region(endpoints)).credentialsProvider(credentials(endpoints)).build();
    }

    static DynamoDbClient dynamodb(Endpoints endpoints) {
        return DynamoDbClient.builder().endpointOverride(endpoints.dynamodb())
                .region(region(endpoints)).credentialsProvider(credentials(endpoints)).build();
    }

    static SesV2Client ses(Endpoints endpoints) {
        return SesV2Client.builder().endpointOverride(endpoints.ses())
                .region(region(endpoints)).credentialsProvider(credentials(endpoints)).build();
    }

    static Connection jdbc(Endpoints endpoints) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
    }

    private static Region region(Endpoints endpoints) {
        return Region.of(endpoints.region());
    }

    private static StaticCredentialsProvider credentials(Endpoints endpoints) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.accessKey(),
                endpoints.secretKey()));
    }
}
