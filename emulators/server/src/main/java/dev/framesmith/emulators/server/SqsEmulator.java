package dev.framesmith.emulators.server;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SQS through ElasticMQ in this JVM. Queues are created by the services through the API. */
final class SqsEmulator implements Emulator {

    private static final Logger log = LoggerFactory.getLogger(SqsEmulator.class);

    private final SQSRestServer server;
    private final String url;

    private SqsEmulator(SQSRestServer server, String url) {
        this.server = server;
        this.url = url;
    }

    static SqsEmulator start(ServerOptions options) {
        int port = Ports.resolve(options.portOf(Service.SQS));
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(Ports.HOST)
                .withPort(port)
                // queue URLs handed out by CreateQueue/GetQueueUrl point at this reachable address
                .withServerAddress(new NodeAddress("http", Ports.HOST, port, ""))
                .withAWSRegion(EmulatorMain.REGION)
                .withAWSAccountId(EmulatorMain.ACCOUNT_ID)
                .start();
        SqsEmulator emulator = new SqsEmulator(server, Ports.httpUrl(port));
        try {
            server.waitUntilStarted();
            HttpRequest listQueues = Probe.request(emulator.url + "/")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05"))
                    .build();
            Probe.untilAnswered("sqs", listQueues, Duration.ofSeconds(60), () -> true);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    @Override
    public Map<String, String> endpoints() {
        return Map.of("sqs", url);
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            log.warn("stopping ElasticMQ failed", e);
        }
    }
}
