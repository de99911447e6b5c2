package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.notify.config.NotifyProperties;
import dev.framesmith.notify.templates.RenderedEmail;
import dev.framesmith.support.tracing.Traces;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through SES v2 {@code SendEmail} with simple content: subject, HTML and text parts in UTF-8; the call is the
 * span {@code ses send <template>} of the notification's trace.
 */
@Component
class SesMailSender implements MailSender {

    private final SesV2Client ses;
    private final NotifyProperties properties;
    private final Traces traces;

    SesMailSender(SesV2Client ses, NotifyProperties properties, Traces traces) {
        this.ses = ses;
        this.properties = properties;
        this.traces = traces;
    }

    @Override
    public String send(String recipient, RenderedEmail email, NotificationTemplate template) {
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(properties.sender())
                .destination(destination -> destination.toAddresses(recipient))
                .content(content -> content.simple(message -> message
                        .subject(utf8(email.subject()))
                        .body(body -> body.html(utf8(email.html())).text(utf8(email.text())))))
                .emailTags(MessageTag.builder().name("template").value(template.name()).build());
        if (properties.hasConfigurationSet()) {
            request.configurationSetName(properties.configurationSet());
        }
        try {
            return traces.call("ses send " + template.name(), "ses",
                    () -> ses.sendEmail(request.build()).messageId());
        } catch (SdkException e) {
            throw SesErrors.classify(e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(StandardCharsets.UTF_8.name()).build();
    }
}
