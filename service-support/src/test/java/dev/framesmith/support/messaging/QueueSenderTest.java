package dev.framesmith.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.Queues;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.support.tracing.Traces;
import dev.framesmith.testsupport.TestBackend;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Through the SQS stand-in: what {@link QueueSender} puts on the wire. */
class QueueSenderTest {

    private final Endpoints endpoints = TestBackend.endpoints();
    private final SqsAsyncClient sqs = SqsAsyncClient.builder()
            .endpointOverride(endpoints.sqs())
            .region(Region.of(endpoints.region()))
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey())))
            .build();
    private final QueueSender sender = new QueueSender(sqs, Traces.none());
    private final String queue = "sender-test-" + UUID.randomUUID();

    @BeforeEach
    void createQueues() {
        sqs.createQueue(request -> request.queueName(queue)).join();
        sqs.createQueue(request -> request.queueName(Queues.deadLetter(queue))).join();
    }

    @AfterEach
    void close() {
        sqs.close();
    }

    /** The trace context it carries too: see QueueListenerTest and the worker's ProcessingTest. */
    @Test
    void sendsTheMessageWithItsKind() {
        VideoEvent event = VideoEvent.progress("v-1", "u-1", 40);

        sender.send(queue, event);

        Message received = receiveOne(queue);
        assertThat(MessageCodec.decode(received.body(), VideoEvent.class)).isEqualTo(event);
        assertThat(received.messageAttributes().get("framesmith-message-type").stringValue()).isEqualTo("VideoEvent");
    }

    @Test
    void theUserIsTheMessageGroupSoThatAStandardQueueIsFairAcrossUsers() {
        sender.send(queue, ProcessVideo.of("v-1", "u-1", "bucket", null, null));

        assertThat(receiveOne(queue).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("u-1");
    }

    @Test
    void aDeadLetterBelongsToNoGroup() {
        sender.deadLetter(queue, "{not json", "unreadable");

        assertThat(receiveOne(Queues.deadLetter(queue)).attributes())
                .doesNotContainKey(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    @Test
    void deadLettersGoStraightToTheDeadLetterQueueWithTheirReason() {
        sender.deadLetter(queue, "{not json", "unreadable VideoEvent\nmessage");

        Message received = receiveOne(Queues.deadLetter(queue));
        assertThat(received.body()).isEqualTo("{not json");
        assertThat(received.messageAttributes().get(QueueSender.DEAD_LETTER_REASON).stringValue())
                .isEqualTo("unreadable VideoEvent message");
    }

    private Message receiveOne(String name) {
        String url = sqs.getQueueUrl(request -> request.queueName(name)).join().queueUrl();
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).waitTimeSeconds(5)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .join().messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}
