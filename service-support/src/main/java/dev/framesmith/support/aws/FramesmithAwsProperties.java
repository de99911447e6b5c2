package dev.framesmith.support.aws;

import dev.framesmith.contracts.Queues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Names of the AWS resources the services share, and whether a service creates them itself
 * (local run and tests; in AWS they come from Terraform).
 */
@Validated
@ConfigurationProperties("framesmith.aws")
public record FramesmithAwsProperties(
        @DefaultValue("framesmith-videos") @NotBlank String bucket,
        @DefaultValue @Valid QueueNames queues,
        @DefaultValue @Valid TableNames tables,
        @DefaultValue @Valid Provision provision,
        @DefaultValue @Valid Health health) {

    /** The queues of {@link QueueNames} by role. */
    public enum Queue {
        PROCESSING, EVENTS, NOTIFICATIONS, FEEDBACK
    }

    /** The name of a queue of this service's configuration. */
    public String queueName(Queue queue) {
        return switch (queue) {
            case PROCESSING -> queues.processing();
            case EVENTS -> queues.events();
            case NOTIFICATIONS -> queues.notifications();
            case FEEDBACK -> queues.feedback();
        };
    }

    public record QueueNames(
            @DefaultValue(Queues.PROCESSING) @NotBlank String processing,
            @DefaultValue(Queues.EVENTS) @NotBlank String events,
            @DefaultValue(Queues.NOTIFICATIONS) @NotBlank String notifications,
            @DefaultValue(Queues.FEEDBACK) @NotBlank String feedback) {
    }

    public record TableNames(
            @DefaultValue("framesmith-videos") @NotBlank String videos,
            @DefaultValue("framesmith-notifications") @NotBlank String notifications) {
    }

    /**
     * @param enabled           create the bucket, the queues with their dead-letter queues, and the
     *                          service's tables at start-up when they are missing
     * @param maxReceiveCount   receives before SQS moves a message to the dead-letter queue
     * @param visibilityTimeout the queues' default visibility timeout
     */
    public record Provision(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("5") @Min(1) @Max(1000) int maxReceiveCount,
            @DefaultValue("30s") Duration visibilityTimeout) {
    }

    /**
     * What the health check looks at.
     *
     * @param queues the queues this service sends to or receives from: the only ones its IAM role lets it look up
     */
    public record Health(@DefaultValue List<Queue> queues) {
    }
}
