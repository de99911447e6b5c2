package dev.framesmith.notify.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class NotifyPropertiesTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final NotifyProperties.Retry RETRY = new NotifyProperties.Retry(Duration.ofSeconds(30),
            Duration.ofMinutes(15), Duration.ofHours(24));

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aSensibleConfigurationIsValid() {
        assertThat(violations(properties("no-reply@framesmith.dev", "https://app.framesmith.dev",
                Duration.ofSeconds(10), Duration.ofSeconds(30), RETRY))).isEmpty();
    }

    @Test
    void theSenderMustBeAnAddressAndTheAppUrlAWebLink() {
        assertThat(violations(properties("not an address", "javascript:alert(1)", Duration.ofSeconds(10),
                Duration.ofSeconds(30), RETRY))).containsExactlyInAnyOrder("sender", "appUrlWebLink");
        assertThat(violations(properties(" ", " ", Duration.ofSeconds(10), Duration.ofSeconds(30), RETRY)))
                .contains("sender", "appUrl");
    }

    @Test
    void theLeaseMustOutlastASesCallAndTheBackOffStayWithinSqsLimits() {
        assertThat(violations(properties("no-reply@framesmith.dev", "https://app.framesmith.dev",
                Duration.ofSeconds(30), Duration.ofSeconds(30), RETRY))).containsExactly("leaseLongerThanCall");
        assertThat(violations(properties("no-reply@framesmith.dev", "https://app.framesmith.dev",
                Duration.ofSeconds(10), Duration.ofSeconds(30),
                new NotifyProperties.Retry(Duration.ofSeconds(30), Duration.ofHours(13), Duration.ofHours(24)))))
                .containsExactly("retry.ordered");
        assertThat(violations(properties("no-reply@framesmith.dev", "https://app.framesmith.dev",
                Duration.ofSeconds(10), Duration.ofSeconds(30),
                new NotifyProperties.Retry(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24)))))
                .containsExactly("retry.ordered");
    }

    @Test
    void aRequeuedNotificationWaitsTheLongestBackOffButNoLongerThanSqsAllows() {
        assertThat(RETRY.requeueDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(new NotifyProperties.Retry(Duration.ofSeconds(1), Duration.ofHours(2), Duration.ofHours(24))
                .requeueDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(new NotifyProperties.Retry(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(24))
                .requeueDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    private static NotifyProperties properties(String sender, String appUrl, Duration sesTimeout, Duration lease,
            NotifyProperties.Retry retry) {
        return new NotifyProperties(sender, null, appUrl, sesTimeout, 3, lease, retry, Duration.ofMinutes(1));
    }

    private static List<String> violations(NotifyProperties properties) {
        return VALIDATOR.validate(properties).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .toList();
    }
}
