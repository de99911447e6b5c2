package dev.framesmith.support.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.aws.SigningRecorder;
import dev.framesmith.testsupport.aws.StsStandIn;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * IRSA as EKS sets it up: a projected token file and a role ARN, no keys. The services' AWS clients (Spring Cloud
 * AWS with this module's configuration) must exchange the token at STS for temporary credentials and sign every
 * SQS, S3 and DynamoDB request with them. STS and AWS are stand-ins on 127.0.0.1 that record what they receive.
 */
class WebIdentityCredentialsTest {

    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/framesmith-prod-ms-video";
    private static final String TOKEN = "eyJ-projected-service-account-token";
    private static final List<String> SYSTEM_PROPERTIES = List.of("aws.webIdentityTokenFile", "aws.roleArn",
            "aws.roleSessionName", "aws.endpointUrlSts", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

    private final Map<String, String> savedProperties = new HashMap<>();
    private StsStandIn sts;
    private SigningRecorder aws;

    @BeforeEach
    void startStandIns(@TempDir Path dir) throws IOException {
        sts = StsStandIn.start();
        aws = SigningRecorder.start();
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
        SYSTEM_PROPERTIES.forEach(name -> savedProperties.put(name, System.getProperty(name)));
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        // What the EKS pod identity webhook sets as AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_REGION, plus
        // the STS endpoint, here the stand-in. (deploy-checks' ServicesInEksTest starts the packaged services with
        // the environment variables themselves.)
        System.setProperty("aws.webIdentityTokenFile", tokenFile.toString());
        System.setProperty("aws.roleArn", ROLE_ARN);
        System.setProperty("aws.roleSessionName", "ms-video-pod");
        System.setProperty("aws.endpointUrlSts", sts.endpoint().toString());
        System.setProperty("aws.region", "eu-west-1");
    }

    @AfterEach
    void stopStandIns() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        sts.close();
        aws.close();
    }

    @Test
    void everyAwsRequestIsSignedWithTheCredentialsStsIssuedForTheServiceAccountToken() {
        services().run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(DynamoDbClient.class)
                            .describeTable(request -> request.tableName("framesmith-videos"));
                    context.getBean(S3Client.class).headObject(request -> request.bucket("framesmith-videos")
                            .key("raw/u/v/source"));
                    context.getBean(SqsAsyncClient.class).getQueueUrl(request -> request.queueName("q")).join();
                });

        assertThat(sts.calls()).isNotEmpty().allSatisfy(call -> assertThat(call)
                .containsEntry("Action", "AssumeRoleWithWebIdentity")
                .containsEntry("RoleArn", ROLE_ARN)
                .containsEntry("WebIdentityToken", TOKEN));
        assertThat(aws.requests()).extracting(SigningRecorder.Signed::service)
                .contains("sqs", "s3", "dynamodb");
        assertThat(aws.requests()).allSatisfy(request -> {
            assertThat(request.accessKeyId()).isEqualTo(StsStandIn.accessKeyId(1));
            assertThat(request.securityToken()).isEqualTo(StsStandIn.SESSION_TOKEN);
        });
    }

    /**
     * A presigned link works only while the credentials it was signed with do, and links live up to 15 minutes.
     * Credentials issued for 16 minutes and 2 seconds are used at first; 3 seconds later, with less than 16 minutes
     * left, they are renewed before a link is signed. The SDK's defaults would sign with them until 5 minutes before
     * their end, the links of the last 10 minutes dying before the expiry they state.
     */
    @Test
    void aPresignedLinkIsNeverSignedWithCredentialsThatMightEndBeforeIt() {
        sts.issueFor(Duration.ofMinutes(16).plusSeconds(2), Duration.ofHours(1));
        List<URL> links = new CopyOnWriteArrayList<>();

        services().run(context -> {
            S3Presigner presigner = context.getBean(S3Presigner.class);
            links.add(link(presigner));
            Thread.sleep(3000);
            links.add(link(presigner));
        });

        assertThat(links.get(0).getQuery()).contains("X-Amz-Credential=" + StsStandIn.accessKeyId(1) + "%2F");
        assertThat(links.get(1).getQuery()).contains("X-Amz-Credential=" + StsStandIn.accessKeyId(2) + "%2F")
                .contains("X-Amz-Expires=900");
    }

    private static URL link(S3Presigner presigner) {
        return presigner.presignGetObject(presign -> presign.signatureDuration(Duration.ofMinutes(15))
                .getObjectRequest(get -> get.bucket("framesmith-videos").key("frames/u/v/frames.zip"))).url();
    }

    /** A service's AWS clients as Spring Cloud AWS and this module configure them, pointed at the stand-in. */
    private ApplicationContextRunner services() {
        String endpoint = aws.endpoint().toString();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class,
                        RegionProviderAutoConfiguration.class, WebIdentityCredentialsAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class, SqsAutoConfiguration.class,
                        S3AutoConfiguration.class, DynamoDbAutoConfiguration.class, AwsSupportAutoConfiguration.class))
                .withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
                        "spring.cloud.aws.sqs.endpoint=" + endpoint,
                        "spring.cloud.aws.s3.endpoint=" + endpoint,
                        "spring.cloud.aws.s3.path-style-access-enabled=true",
                        "spring.cloud.aws.dynamodb.endpoint=" + endpoint);
    }
}
