package dev.framesmith.notify.delivery;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** Which SES v2 errors are worth trying again, and under which reason they are counted. */
final class SesErrors {

    static final String SENDING_PAUSED = "sending-paused";
    static final String THROTTLED = "throttled";

    private SesErrors() {
    }

    static MailSendException classify(SdkException error) {
        String message = describe(error);
        if (error instanceof TooManyRequestsException || error instanceof LimitExceededException) {
            return new MailSendException(true, THROTTLED, message, error);
        }
        if (error instanceof SendingPausedException) {
            // Sending is paused for the account or the configuration set (after complaints, or by an operator):
            // the e-mail is fine, so it waits on the queue until sending resumes (see SendingHold).
            return new MailSendException(true, SENDING_PAUSED, message, error);
        }
        if (error instanceof InternalServiceErrorException || error instanceof ConcurrentModificationException) {
            return new MailSendException(true, "ses-unavailable", message, error);
        }
        if (error instanceof MessageRejectedException) {
            return new MailSendException(false, "rejected", message, error);
        }
        if (error instanceof MailFromDomainNotVerifiedException) {
            return new MailSendException(false, "sender-not-verified", message, error);
        }
        if (error instanceof AccountSuspendedException) {
            return new MailSendException(false, "account-suspended", message, error);
        }
        if (error instanceof NotFoundException) {
            return new MailSendException(false, "not-found", message, error);
        }
        if (error instanceof BadRequestException) {
            return new MailSendException(false, "bad-request", message, error);
        }
        if (error instanceof SdkServiceException service) {
            if (service.isThrottlingException() || service.statusCode() == 429) {
                return new MailSendException(true, THROTTLED, message, error);
            }
            if (service.statusCode() >= 500 || service.statusCode() == 408) {
                return new MailSendException(true, "ses-unavailable", message, error);
            }
            return new MailSendException(false, "client-error", message, error);
        }
        if (error instanceof SdkClientException) {
            // Network trouble or the call's deadline: SES may or may not have the message; trying again is the
            // at-least-once side of the boundary.
            return new MailSendException(true, "unreachable", message, error);
        }
        return new MailSendException(true, "unknown", message, error);
    }

    private static String describe(SdkException error) {
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String text = aws.awsErrorDetails().errorMessage();
            return "SES " + aws.statusCode() + " " + (code == null ? "error" : code)
                    + (text == null || text.isBlank() ? "" : ": " + text);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
