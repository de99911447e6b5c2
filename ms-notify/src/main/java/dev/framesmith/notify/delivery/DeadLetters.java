package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.Queues;
import dev.framesmith.notify.templates.PlainText;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Moves a message nobody can read to the notifications dead-letter queue at once, saying why. */
@Component
class DeadLetters {

    static final String REASON_ATTRIBUTE = "framesmith-dead-letter-reason";

    private final SqsAsyncClient sqs;
    private final String queue;
    private volatile String queueUrl;

    DeadLetters(SqsAsyncClient sqs, FramesmithAwsProperties aws) {
        this.sqs = sqs;
        this.queue = Queues.deadLetter(aws.queues().notifications());
    }

    void send(String body, String reason) {
        String url = queueUrl();
        sqs.sendMessage(request -> request.queueUrl(url)
                        .messageBody(body == null || body.isEmpty() ? "(empty)" : body)
                        .messageAttributes(Map.of(REASON_ATTRIBUTE, MessageAttributeValue.builder()
                                .dataType("String").stringValue(PlainText.clean(reason, 256)).build())))
                .join();
    }

    private String queueUrl() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
            queueUrl = url;
        }
        return url;
    }
}
