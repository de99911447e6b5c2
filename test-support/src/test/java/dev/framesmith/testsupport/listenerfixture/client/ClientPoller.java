package dev.framesmith.testsupport.listenerfixture.client;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** A fixture of {@code StructureRulesTest}: polls a queue through the SQS clients; sending is no receive. */
class ClientPoller {

    private final SqsAsyncClient async;
    private final SqsClient sync;

    ClientPoller(SqsAsyncClient async, SqsClient sync) {
        this.async = async;
        this.sync = sync;
    }

    ReceiveMessageResponse nextAsync() {
        return async.receiveMessage(request -> request.queueUrl("jobs")).join();
    }

    ReceiveMessageResponse next() {
        return sync.receiveMessage(request -> request.queueUrl("jobs"));
    }

    void send(String body) {
        async.sendMessage(request -> request.queueUrl("jobs").messageBody(body)).join();
    }
}
