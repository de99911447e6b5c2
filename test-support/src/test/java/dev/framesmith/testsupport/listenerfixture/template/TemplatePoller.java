package dev.framesmith.testsupport.listenerfixture.template;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.util.Collection;
import java.util.Optional;
import org.springframework.messaging.Message;

/** A fixture of {@code StructureRulesTest}: polls a queue through {@code SqsTemplate}, not a queue listener. */
class TemplatePoller {

    private final SqsTemplate sqs;

    TemplatePoller(SqsTemplate sqs) {
        this.sqs = sqs;
    }

    Optional<Message<?>> next() {
        return sqs.receive(options -> options.queue("jobs"));
    }

    Collection<Message<?>> batch() {
        return sqs.receiveMany(options -> options.queue("jobs"));
    }
}
