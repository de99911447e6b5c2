package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.deploychecks.Monitoring;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.TestBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue series of the local Prometheus, read from the SQS stand-in, named as the CloudWatch exporter names them. */
class LocalQueueMetricsTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void eachFramesmithQueueHasItsVisibleAndInFlightMessages() throws Exception {
        Endpoints aws = TestBackend.endpoints();
        String queue = "framesmith-metrics-" + UUID.randomUUID();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(aws.sqs()).region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(aws.accessKey(), aws.secretKey()))).build();
                LocalQueueMetrics metrics = LocalQueueMetrics.start(aws.sqs(), ANY_PORT)) {
            String url = sqs.createQueue(request -> request.queueName(queue)).queueUrl();
            sqs.createQueue(request -> request.queueName(queue + "-dlq"));
            sqs.createQueue(request -> request.queueName("other-" + queue));
            for (int i = 0; i < 3; i++) {
                int n = i;
                sqs.sendMessage(request -> request.queueUrl(url).messageBody("message " + n));
            }
            assertThat(sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(1)
                    .visibilityTimeout(300)).messages()).hasSize(1);

            Api.Response scrape = new Api(metrics.uri()).get("/metrics");

            assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
            assertThat(scrape.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(scrape.body()).contains(
                    LocalQueueMetrics.VISIBLE + "{queue_name=\"" + queue + "\"} 2\n",
                    LocalQueueMetrics.NOT_VISIBLE + "{queue_name=\"" + queue + "\"} 1\n",
                    LocalQueueMetrics.VISIBLE + "{queue_name=\"" + queue + "-dlq\"} 0\n",
                    LocalQueueMetrics.NOT_VISIBLE + "{queue_name=\"" + queue + "-dlq\"} 0\n")
                    .doesNotContain("other-" + queue);
            assertThat(promtoolCheck(scrape.body())).as("promtool check metrics").isEmpty();
        }
    }

    /** What Prometheus's own linter ({@code promtool}, Debian package prometheus) finds wrong; empty when nothing. */
    private static String promtoolCheck(String exposition) throws IOException, InterruptedException {
        Process check = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return check.exitValue() == 0 ? output.strip() : "exit " + check.exitValue() + ": " + output;
    }

    @Test
    void theSeriesAreNamedAsTheClusterExporterPublishesThem() {
        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();

        assertThat(Monitoring.cloudWatchSeries(root))
                .contains(LocalQueueMetrics.VISIBLE, LocalQueueMetrics.NOT_VISIBLE);
    }

    @Test
    void whileTheStandInDoesNotAnswerTheScrapeFailsSoTheSeriesAreAbsent() {
        try (LocalQueueMetrics metrics = LocalQueueMetrics.start(URI.create("http://127.0.0.1:9"), ANY_PORT)) {
            Api.Response scrape = new Api(metrics.uri()).get("/metrics");

            assertThat(scrape.status()).isEqualTo(503);
            assertThat(scrape.body()).doesNotContain("aws_sqs_");
        }
    }
}
