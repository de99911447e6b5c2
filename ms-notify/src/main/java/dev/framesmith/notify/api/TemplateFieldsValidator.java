package dev.framesmith.notify.api;

import dev.framesmith.contracts.NotificationField;
import dev.framesmith.notify.templates.WebLinks;
import java.time.Clock;
import java.time.Instant;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The fields the request's template requires (see {@code NotificationTemplate}), each present and valid for its
 * kind: links absolute http(s), expiries still ahead; account e-mails are ms-auth's alone. Reported like bean
 * validation errors (field and message), once per field.
 */
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
        if (request.template() == null) {
            return;
        }
        if (request.template().isAccountEmail()) {
            errors.rejectValue("template", "accountEmail", "is sent by ms-auth only");
            return;
        }
        for (NotificationField field : request.template().requiredFields()) {
            Object value = ((BindingResult) errors).getRawFieldValue(field.property());
            if (errors.hasFieldErrors(field.property())) {
                continue;
            }
            if (!field.isPresent(value)) {
                boolean text = field.kind() == NotificationField.Kind.TEXT
                        || field.kind() == NotificationField.Kind.LINK;
                errors.rejectValue(field.property(), "required",
                        (text ? "must not be blank for " : "must not be null for ") + request.template());
            } else if (field.kind() == NotificationField.Kind.LINK && !WebLinks.isWebLink((String) value)) {
                errors.rejectValue(field.property(), "webLink", "must be an absolute http(s) URL");
            } else if (field.kind() == NotificationField.Kind.EXPIRY
                    && !((Instant) value).isAfter(clock.instant())) {
                errors.rejectValue(field.property(), "future", "must be in the future");
            }
        }
    }
}
