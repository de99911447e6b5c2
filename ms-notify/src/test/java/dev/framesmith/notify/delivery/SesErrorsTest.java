package dev.framesmith.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class SesErrorsTest {

    @Test
    void throttlingPausedSendingAndProviderErrorsAreRetried() {
        assertRetried(TooManyRequestsException.builder().statusCode(429).awsErrorDetails(details("TooManyRequestsException"))
                .build(), "throttled");
        assertRetried(LimitExceededException.builder().statusCode(400).build(), "throttled");
        assertRetried(SendingPausedException.builder().statusCode(400).build(), "sending-paused");
        assertRetried(InternalServiceErrorException.builder().statusCode(500).build(), "ses-unavailable");
        assertRetried(SesV2Exception.builder().statusCode(503).build(), "ses-unavailable");
        assertRetried(SesV2Exception.builder().statusCode(429).build(), "throttled");
        assertRetried(SdkClientException.create("connection refused"), "unreachable");
        assertRetried(ApiCallTimeoutException.create(10_000), "unreachable");
    }

    @Test
    void refusalsThatCannotSucceedAreNotRetried() {
        assertPermanent(MessageRejectedException.builder().statusCode(400).awsErrorDetails(details("MessageRejected"))
                .build(), "rejected");
        assertPermanent(MailFromDomainNotVerifiedException.builder().statusCode(400).build(), "sender-not-verified");
        assertPermanent(AccountSuspendedException.builder().statusCode(400).build(), "account-suspended");
        assertPermanent(NotFoundException.builder().statusCode(404).build(), "not-found");
        assertPermanent(BadRequestException.builder().statusCode(400).build(), "bad-request");
        assertPermanent(SesV2Exception.builder().statusCode(403).build(), "client-error");
    }

    @Test
    void theErrorSaysWhatSesAnswered() {
        MailSendException error = SesErrors.classify(MessageRejectedException.builder().statusCode(400)
                .awsErrorDetails(details("MessageRejected")).build());

        assertThat(error.getMessage()).isEqualTo("SES 400 MessageRejected: refused by test");
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("refused by test").build();
    }

    private static void assertRetried(Exception error, String reason) {
        MailSendException classified = SesErrors.classify((software.amazon.awssdk.core.exception.SdkException) error);
        assertThat(classified.retryable()).as(error.getClass().getSimpleName()).isTrue();
        assertThat(classified.reason()).isEqualTo(reason);
        assertThat(classified.getCause()).isSameAs(error);
    }

    private static void assertPermanent(AwsServiceException error, String reason) {
        MailSendException classified = SesErrors.classify(error);
        assertThat(classified.retryable()).as(error.getClass().getSimpleName()).isFalse();
        assertThat(classified.reason()).isEqualTo(reason);
    }
}
