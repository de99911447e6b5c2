package dev.framesmith.support.aws;

import dev.framesmith.contracts.Queues;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Creates every queue with its dead-letter queue and redrive policy, before any listener starts. */
class QueueProvisioner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(QueueProvisioner.class);

    private final SqsAsyncClient sqs;
    private final FramesmithAwsProperties properties;

    QueueProvisioner(SqsAsyncClient sqs, FramesmithAwsProperties properties) {
        this.sqs = sqs;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        var names = properties.queues();
        for (String queue : new String[] {names.processing(), names.events(), names.notifications(), names.feedback()}) {
            create(queue);
        }
    }

    private void create(String queue) {
        String visibility = String.valueOf(properties.provision().visibilityTimeout().toSeconds());
        String dlqUrl = createQueue(Queues.deadLetter(queue), Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(14 * 24 * 3600)));
        String dlqArn = sqs.getQueueAttributes(request -> request.queueUrl(dlqUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN))
                .join().attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + properties.provision().maxReceiveCount() + "\"}";
        createQueue(queue, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, visibility,
                QueueAttributeName.REDRIVE_POLICY, redrive));
        log.info("Queue {} ready with dead-letter queue {}", queue, Queues.deadLetter(queue));
    }

    private String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.createQueue(request -> request.queueName(name).attributes(attributes)).join().queueUrl();
        } catch (CompletionException e) {
            if (e.getCause() instanceof QueueNameExistsException) {
                // Created earlier with other attributes (another service, or an older configuration): keep it.
                return sqs.getQueueUrl(request -> request.queueName(name)).join().queueUrl();
            }
            throw e;
        }
    }
}
