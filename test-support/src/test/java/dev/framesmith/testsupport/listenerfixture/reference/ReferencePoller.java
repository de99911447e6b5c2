package dev.framesmith.testsupport.listenerfixture.reference;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** A fixture of {@code StructureRulesTest}: hands the client's receive on as a method reference, calling nothing. */
class ReferencePoller {

    Function<ReceiveMessageRequest, CompletableFuture<ReceiveMessageResponse>> receiver(SqsAsyncClient sqs) {
        return sqs::receiveMessage;
    }
}
