package dev.framesmith.notify.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In the local run, tells a person where the e-mails this service sends can be read. */
@Component
@Profile("local")
class LocalMailbox {

    private static final Logger log = LoggerFactory.getLogger(LocalMailbox.class);

    private final SesClientProperties ses;

    LocalMailbox(SesClientProperties ses) {
        this.ses = ses;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (ses.endpoint() == null) {
            log.warn("spring.cloud.aws.ses.endpoint is not set: e-mails go to AWS SES, not to the local SES stand-in");
            return;
        }
        String root = ses.endpoint().toString().replaceAll("/+$", "");
        log.info("Sent e-mails can be read in the SES stand-in: web page {}/ , JSON {}/store", root, root);
    }
}
