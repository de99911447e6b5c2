package dev.framesmith.notify;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A queue as another service sees it: raw sends, and how many messages it holds. */
public record TestQueue(SqsAsyncClient sqs, String name) {

    public void send(String body) {
        sqs.sendMessage(request -> request.queueUrl(url()).messageBody(body)
                .messageAttributes(Map.of("framesmith-message-type", MessageAttributeValue.builder()
                        .dataType("String").stringValue("NotificationRequested").build()))).join();
    }

    /** Messages waiting plus messages in flight. */
    public int depth() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).join().attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private String url() {
        return sqs.getQueueUrl(request -> request.queueName(name)).join().queueUrl();
    }
}
