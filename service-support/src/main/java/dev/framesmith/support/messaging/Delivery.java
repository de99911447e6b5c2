package dev.framesmith.support.messaging;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import java.time.Instant;

/**
 * How a message came to a {@link QueueListener} method, which may take it besides the record: how many times SQS has
 * handed it out, and when it first did (so a budget can count from the first receive, not from this one).
 *
 * @param receiveCount  1 on the first receive
 * @param firstReceived when SQS first handed the message out; this receive's time when SQS did not say
 */
public record Delivery(int receiveCount, Instant firstReceived) {

    static Delivery of(org.springframework.messaging.Message<?> message, Instant now) {
        return new Delivery(receiveCount(header(message, SqsHeaders.MessageSystemAttributes
                .SQS_APPROXIMATE_RECEIVE_COUNT)), firstReceived(header(message, SqsHeaders.MessageSystemAttributes
                .SQS_APPROXIMATE_FIRST_RECEIVE_TIMESTAMP), now));
    }

    private static int receiveCount(String count) {
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Instant firstReceived(String epochMillis, Instant now) {
        try {
            Instant first = epochMillis == null ? now : Instant.ofEpochMilli(Long.parseLong(epochMillis.trim()));
            return first.isAfter(now) ? now : first;
        } catch (NumberFormatException e) {
            return now;
        }
    }

    private static String header(org.springframework.messaging.Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value == null ? null : value.toString();
    }
}
