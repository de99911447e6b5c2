package dev.framesmith.support.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private static final String ACCESS_KEY_ID = "ASIATEMPORARYKEY000";
    private static final String SESSION_TOKEN = "session-token-from-sts";
    private static final List<String> SYSTEM_PROPERTIES = List.of("aws.webIdentityTokenFile", "aws.roleArn",
            "aws.roleSessionName", "aws.endpointUrlSts", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

    private final Map<String, String> savedProperties = new HashMap<>();
    private final List<Map<String, String>> stsCalls = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> awsCalls = new CopyOnWriteArrayList<>();
    /** The lifetime of the credentials STS issues, one per call; the last one repeats. */
    private final List<Duration> lifetimes = new CopyOnWriteArrayList<>(List.of(Duration.ofHours(1)));
    private HttpServer sts;
    private HttpServer aws;

    @BeforeEach
    void startStandIns(@TempDir Path dir) throws IOException {
        sts = start(this::answerSts);
        aws = start(this::answerAws);
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
        SYSTEM_PROPERTIES.forEach(name -> savedProperties.put(name, System.getProperty(name)));
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        // What the EKS pod identity webhook sets as AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_REGION, plus
        // the STS endpoint, here the stand-in.
        System.setProperty("aws.webIdentityTokenFile", tokenFile.toString());
        System.setProperty("aws.roleArn", ROLE_ARN);
        System.setProperty("aws.roleSessionName", "ms-video-pod");
        System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort());
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
        sts.stop(0);
        aws.stop(0);
    }

    @Test
    void everyAwsRequestIsSignedWithTheCredentialsStsIssuedForTheServiceAccountToken() {
        services().run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(DynamoDbClient.class).describeTable(request -> request.tableName("framesmith-videos"));
                    context.getBean(S3Client.class).headObject(request -> request.bucket("framesmith-videos")
                            .key("raw/u/v/source"));
                    context.getBean(SqsAsyncClient.class).getQueueUrl(request -> request.queueName("q")).join();
                });

        assertThat(stsCalls).isNotEmpty().allSatisfy(call -> assertThat(call)
                .containsEntry("Action", "AssumeRoleWithWebIdentity")
                .containsEntry("RoleArn", ROLE_ARN)
                .containsEntry("WebIdentityToken", TOKEN));
        assertThat(awsCalls).extracting(call -> call.get("service"))
                .contains("sqs", "s3", "dynamodb");
        assertThat(awsCalls).allSatisfy(call -> {
            assertThat(call.get("authorization")).contains("Credential=" + ACCESS_KEY_ID + "1/");
            assertThat(call.get("token")).isEqualTo(SESSION_TOKEN);
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
        lifetimes.set(0, Duration.ofMinutes(16).plusSeconds(2));
        lifetimes.add(Duration.ofHours(1));
        List<URL> links = new CopyOnWriteArrayList<>();

        services().run(context -> {
            S3Presigner presigner = context.getBean(S3Presigner.class);
            links.add(link(presigner));
            Thread.sleep(3000);
            links.add(link(presigner));
        });

        assertThat(links.get(0).getQuery()).contains("X-Amz-Credential=" + ACCESS_KEY_ID + "1%2F");
        assertThat(links.get(1).getQuery()).contains("X-Amz-Credential=" + ACCESS_KEY_ID + "2%2F")
                .contains("X-Amz-Expires=900");
    }

    private static URL link(S3Presigner presigner) {
        return presigner.presignGetObject(presign -> presign.signatureDuration(Duration.ofMinutes(15))
                .getObjectRequest(get -> get.bucket("framesmith-videos").key("frames/u/v/frames.zip"))).url();
    }

    /** A service's AWS clients as Spring Cloud AWS and this module configure them, pointed at the stand-in. */
    private ApplicationContextRunner services() {
        String endpoint = "http://127.0.0.1:" + aws.getAddress().getPort();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, RegionProviderAutoConfiguration.class,
                        WebIdentityCredentialsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
                        SqsAutoConfiguration.class, S3AutoConfiguration.class, DynamoDbAutoConfiguration.class,
                        AwsSupportAutoConfiguration.class))
                .withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
                        "spring.cloud.aws.sqs.endpoint=" + endpoint,
                        "spring.cloud.aws.s3.endpoint=" + endpoint,
                        "spring.cloud.aws.s3.path-style-access-enabled=true",
                        "spring.cloud.aws.dynamodb.endpoint=" + endpoint);
    }

    private void answerSts(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        stsCalls.add(form);
        int call = stsCalls.size();
        Duration lifetime = lifetimes.get(Math.min(call, lifetimes.size()) - 1);
        String expiration = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString();
        respond(exchange, 200, "text/xml", """
                <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleWithWebIdentityResult>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>temporary-secret</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::111122223333:assumed-role/framesmith-prod-ms-video/ms-video-pod</Arn>
                      <AssumedRoleId>AROATEST:ms-video-pod</AssumedRoleId>
                    </AssumedRoleUser>
                  </AssumeRoleWithWebIdentityResult>
                  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
                </AssumeRoleWithWebIdentityResponse>
                """.formatted(ACCESS_KEY_ID + call, SESSION_TOKEN, expiration));
    }

    /** Answers just enough of each API for the SDK to accept the response. */
    private void answerAws(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String service = authorization.replaceAll(".*Credential=[^/]+/[^/]+/[^/]+/([^/]+)/.*", "$1");
        awsCalls.add(Map.of("service", service, "authorization", authorization,
                "token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))));
        if (target.startsWith("AmazonSQS.")) {
            respond(exchange, 200, "application/x-amz-json-1.0",
                    "{\"QueueUrl\":\"http://127.0.0.1/111122223333/q\"}");
        } else if (target.startsWith("DynamoDB_")) {
            respond(exchange, 200, "application/x-amz-json-1.0",
                    "{\"Table\":{\"TableName\":\"framesmith-videos\",\"TableStatus\":\"ACTIVE\"}}");
        } else {
            exchange.getResponseHeaders().add("Content-Length", "0");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static HttpServer start(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler::handle);
        server.start();
        return server;
    }
}
