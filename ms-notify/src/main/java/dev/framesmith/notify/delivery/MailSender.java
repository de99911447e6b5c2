package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationTemplate;
import dev.framesmith.notify.templates.RenderedEmail;

/** Port to the e-mail provider (SES in AWS, the SES stand-in locally). */
interface MailSender {

    /**
     * Sends one e-mail.
     *
     * @return the provider's message id
     * @throws MailSendException when the provider did not accept it, saying whether trying again can help
     */
    String send(String recipient, RenderedEmail email, NotificationTemplate template);
}
