package dev.framesmith.notify.api;

import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.notify.templates.WebLinks;
import java.time.Clock;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** The fields each template needs, reported like bean validation errors (field and message). */
class TemplateFieldsValidator implements Validator {

    private final Clock clock;

    TemplateFieldsValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supports(Class<?> type) {
        return SendNotificationRequest.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        SendNotificationRequest request = (SendNotificationRequest) target;
        if (request.template() != null && request.template().isAccountEmail()) {
            errors.rejectValue("template", "accountEmail", "is sent by ms-auth only");
            return;
        }
        if (request.template() == NotificationTemplate.VIDEO_READY) {
            if (request.downloadUrl() == null || request.downloadUrl().isBlank()) {
                errors.rejectValue("downloadUrl", "required", "must not be blank for VIDEO_READY");
            } else if (!WebLinks.isWebLink(request.downloadUrl())) {
                errors.rejectValue("downloadUrl", "webLink", "must be an absolute http(s) URL");
            }
            if (request.downloadExpiresAt() == null) {
                errors.rejectValue("downloadExpiresAt", "required", "must not be null for VIDEO_READY");
            } else if (!request.downloadExpiresAt().isAfter(clock.instant())) {
                errors.rejectValue("downloadExpiresAt", "future", "must be in the future");
            }
        }
        if (request.template() == NotificationTemplate.VIDEO_FAILED
                && (request.failureReason() == null || request.failureReason().isBlank())) {
            errors.rejectValue("failureReason", "required", "must not be blank for VIDEO_FAILED");
        }
    }
}
