package dev.framesmith.notify.config;

import dev.framesmith.notify.templates.WebLinks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How ms-notify writes and sends e-mail.
 *
 * @param sender           the {@code From} address; in AWS a verified SES identity
 * @param configurationSet SES configuration set for event publishing (bounces, complaints); none when blank
 * @param appUrl           link to the web app put into every e-mail
 * @param sesTimeout       deadline of one SES call, retries included
 * @param sesMaxAttempts   attempts of one SES call inside the SDK before the queue takes over the retrying
 * @param sendLease        how long a consumer owns a notification while sending it; another consumer
 *                         takes it over only after that (a crash mid-send), so it must exceed {@code sesTimeout}
 * @param retry            how long a notification that failed transiently stays invisible on the queue
 * @param pauseCheck       while SES has sending paused, how often it is asked whether sending is enabled again
 */
@Validated
@ConfigurationProperties("framesmith.notify")
public record NotifyProperties(
        @NotBlank @Email String sender,
        String configurationSet,
        @NotBlank String appUrl,
        @DefaultValue("10s") @NotNull Duration sesTimeout,
        @DefaultValue("3") @Min(1) @Max(10) int sesMaxAttempts,
        @DefaultValue("30s") @NotNull Duration sendLease,
        @DefaultValue @Valid Retry retry,
        @DefaultValue("1m") @NotNull Duration pauseCheck) {

    /**
     * Exponential back-off through the queue's visibility timeout: {@code initialDelay × 2^(receives - 1)},
     * at most {@code maxDelay} (SQS allows 12 hours). A notification whose receives all ended with SES throttling
     * or pausing sending (the e-mail itself is fine) is sent back to the queue from the dead-letter queue, delayed by
     * {@code maxDelay} (at most the 15 minutes SQS allows), for {@code throttledFor} after its first attempt; after
     * that it is abandoned like any other.
     */
    public record Retry(
            @DefaultValue("30s") @NotNull Duration initialDelay,
            @DefaultValue("15m") @NotNull Duration maxDelay,
            @DefaultValue("24h") @NotNull Duration throttledFor) {

        /** The longest delay SQS allows on a message. */
        static final Duration MAX_MESSAGE_DELAY = Duration.ofMinutes(15);

        @AssertTrue(message = "initial-delay must be at least 1s and max-delay between it and 12h")
        public boolean isOrdered() {
            return initialDelay.toSeconds() >= 1 && maxDelay.compareTo(initialDelay) >= 0
                    && maxDelay.compareTo(Duration.ofHours(12)) <= 0;
        }

        /** How long a notification sent back to the queue after throttling waits there before it is received. */
        public Duration requeueDelay() {
            return maxDelay.compareTo(MAX_MESSAGE_DELAY) < 0 ? maxDelay : MAX_MESSAGE_DELAY;
        }
    }

    @AssertTrue(message = "app-url must be an absolute http(s) URL")
    public boolean isAppUrlWebLink() {
        return WebLinks.isWebLink(appUrl);
    }

    @AssertTrue(message = "pause-check must be at least 1s")
    public boolean isPauseCheckPositive() {
        return pauseCheck.toSeconds() >= 1;
    }

    @AssertTrue(message = "send-lease must be longer than ses-timeout")
    public boolean isLeaseLongerThanCall() {
        return sendLease.compareTo(sesTimeout) > 0;
    }

    public boolean hasConfigurationSet() {
        return configurationSet != null && !configurationSet.isBlank();
    }
}
