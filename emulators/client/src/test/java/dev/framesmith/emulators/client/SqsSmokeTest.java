package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsSmokeTest {

    static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = Clients.sqs(SharedKit.endpoints());
    }

    @AfterAll
    static void close() {
        sqs.close();
    }

    @Test
    void sendsReceivesAndDeletesThroughReachableQueueUrls() {
        String queueUrl = sqs.createQueue(r -> r.queueName("smoke-" + UUID.randomUUID())).queueUrl();
        URI endpoint = SharedKit.endpoints().sqs();
        assertThat(URI.create(queueUrl)).satisfies(url -> {
            assertThat(url.getHost()).isEqualTo(endpoint.getHost());
            assertThat(url.getPort()).isEqualTo(endpoint.getPort());
        });
        assertThat(sqs.getQueueUrl(r -> r.queueName(queueUrl.substring(queueUrl.lastIndexOf('/') + 1))).queueUrl())
                .isEqualTo(queueUrl);

        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"hello\":\"frames\"}"));
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
        assertThat(received).extracting(Message::body).containsExactly("{\"hello\":\"frames\"}");

        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String name = "smoke-" + UUID.randomUUID();
        String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();

        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("poison"));

        int receivedFromQueue = 0;
        List<Message> dead = List.of();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (dead.isEmpty() && Instant.now().isBefore(deadline)) {
            receivedFromQueue += sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages().size();
            dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages();
        }

        assertThat(receivedFromQueue).isEqualTo(2);
        assertThat(dead).extracting(Message::body).containsExactly("poison");
    }
}
