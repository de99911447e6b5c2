package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bounces and complaints reach ms-notify through an SNS topic and an SQS queue (trust boundary 5 of
 * docs/security.md): only SES, for this account's configuration set, may publish to the topic, and only that topic
 * may send to the queue. The resource policies of {@code modules/ses} are evaluated as IAM does, with example ARNs.
 */
class SesFeedbackPoliciesTest {

    private static final String ACCOUNT = "111122223333";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:" + ACCOUNT + ":framesmith-ses-feedback";
    private static final String QUEUE = "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":framesmith-ses-feedback";
    private static final String CONFIGURATION_SET = "arn:aws:ses:eu-west-1:" + ACCOUNT
            + ":configuration-set/framesmith";
    private static final String SES_MODULE = Yaml.read(Repository.path("infra/terraform/modules/ses/main.tf"));

    @Test
    void onlySesForThisAccountsConfigurationSetPublishesToTheTopic() {
        IamPolicy topic = policy(SES_MODULE, "feedback_topic");

        assertThat(topic.allows("sns:Publish", TOPIC, Map.of("AWS:SourceAccount", ACCOUNT,
                "AWS:SourceArn", CONFIGURATION_SET))).isTrue();
        assertThat(topic.allows("sns:Publish", TOPIC, Map.of("AWS:SourceAccount", "999999999999",
                "AWS:SourceArn", CONFIGURATION_SET))).as("another account").isFalse();
        assertThat(topic.allows("sns:Publish", TOPIC, Map.of("AWS:SourceAccount", ACCOUNT,
                "AWS:SourceArn", CONFIGURATION_SET + "-other"))).as("another configuration set").isFalse();
        assertThat(topic.allows("sns:Subscribe", TOPIC, Map.of("AWS:SourceAccount", ACCOUNT,
                "AWS:SourceArn", CONFIGURATION_SET))).isFalse();
        assertThat(principals(SES_MODULE, "feedback_topic")).containsExactly("[\"ses.amazonaws.com\"]");
    }

    @Test
    void onlyTheTopicSendsToTheQueue() {
        IamPolicy queue = policy(SES_MODULE, "feedback_queue");

        assertThat(queue.allows("sqs:SendMessage", QUEUE, Map.of("aws:SourceArn", TOPIC))).isTrue();
        assertThat(queue.allows("sqs:SendMessage", QUEUE, Map.of("aws:SourceArn", TOPIC + "-other")))
                .as("another topic").isFalse();
        assertThat(queue.allows("sqs:SendMessage", QUEUE, Map.of())).as("no topic").isFalse();
        assertThat(queue.allows("sqs:ReceiveMessage", QUEUE, Map.of("aws:SourceArn", TOPIC))).isFalse();
        assertThat(principals(SES_MODULE, "feedback_queue")).containsExactly("[\"sns.amazonaws.com\"]");
    }

    @Test
    void aQueuePolicyWithoutItsTopicConditionIsCaught() {
        String loose = SES_MODULE.replaceFirst("(?s)(data \"aws_iam_policy_document\" \"feedback_queue\".*?)"
                + "    condition \\{.*?\\n    }\\n", "$1");
        assertThat(loose).isNotEqualTo(SES_MODULE);

        assertThat(policy(loose, "feedback_queue").allows("sqs:SendMessage", QUEUE,
                Map.of("aws:SourceArn", TOPIC + "-other"))).isTrue();
    }

    private static IamPolicy policy(String module, String document) {
        return IamPolicy.document(new Hcl(module), document, reference -> switch (reference) {
            case "aws_sns_topic.feedback.arn" -> List.of(TOPIC);
            case "var.feedback_queue_arn" -> List.of(QUEUE);
            case "aws_sesv2_configuration_set.this.arn" -> List.of(CONFIGURATION_SET);
            case "data.aws_caller_identity.current.account_id" -> List.of(ACCOUNT);
            default -> throw new IllegalArgumentException("no example for " + reference);
        });
    }

    /** The identifiers of each principals block of the document's statements. */
    private static List<String> principals(String module, String document) {
        Hcl hcl = new Hcl(module);
        return hcl.blocks("data").stream()
                .filter(data -> data.label(0).equals("aws_iam_policy_document") && data.label(1).equals(document))
                .flatMap(data -> hcl.blocks(data).stream())
                .flatMap(statement -> hcl.blocks(statement).stream())
                .filter(block -> block.type().equals("principals"))
                .map(block -> hcl.attributeValues(block).get("identifiers").replaceAll("\\s", ""))
                .toList();
    }
}
