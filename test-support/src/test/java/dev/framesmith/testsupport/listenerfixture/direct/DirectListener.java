package dev.framesmith.testsupport.listenerfixture.direct;

import io.awspring.cloud.sqs.annotation.SqsListener;

/** A fixture of {@code StructureRulesTest}: a queue listener that bypasses {@code @QueueListener}. */
class DirectListener {

    @SqsListener("jobs")
    void on(String body) {
    }
}
