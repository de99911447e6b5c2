package dev.framesmith.video.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Each user's processing slots: one item per user in the videos table ({@code id = "slots#" + userId}) whose
 * string set {@code inFlight} holds the ids of the videos that hold a slot. Taking a slot adds the video id
 * under a condition on the set's size; giving it back deletes the id. Both are single conditional writes, so
 * the count is exact under any concurrency, and both are idempotent per video: a repeated release cannot free
 * another video's slot, a repeated acquire cannot take a second one.
 */
class Slots {

    enum Acquired {
        /** This call took a slot for the video. */
        TAKEN,
        /** The video already held a slot (taken earlier by this or another dispatcher). */
        ALREADY_HELD,
        /** Every slot of the user is in use. */
        FULL
    }

    private static final String IN_FLIGHT = "inFlight";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int maxPerUser;

    Slots(DynamoDbClient dynamo, String table, int maxPerUser) {
        this.dynamo = dynamo;
        this.table = table;
        this.maxPerUser = maxPerUser;
    }

    Acquired acquire(String userId, String videoId) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(userId))
                    .updateExpression("ADD #f :v")
                    .conditionExpression("attribute_not_exists(#f) OR (size(#f) < :max AND NOT contains(#f, :id))")
                    .expressionAttributeNames(Map.of("#f", IN_FLIGHT))
                    .expressionAttributeValues(Map.of(
                            ":v", AttributeValue.fromSs(List.of(videoId)),
                            ":max", AttributeValue.fromN(Integer.toString(maxPerUser)),
                            ":id", AttributeValue.fromS(videoId))));
            return Acquired.TAKEN;
        } catch (ConditionalCheckFailedException refused) {
            return holders(userId).contains(videoId) ? Acquired.ALREADY_HELD : Acquired.FULL;
        }
    }

    /** Gives the video's slot back; nothing happens when it holds none. */
    void release(String userId, String videoId) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(key(userId))
                .updateExpression("DELETE #f :v")
                .expressionAttributeNames(Map.of("#f", IN_FLIGHT))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromSs(List.of(videoId)))));
    }

    /** The ids of the videos holding a slot of the user. */
    Set<String> holders(String userId) {
        GetItemResponse item = dynamo.getItem(request -> request.tableName(table).key(key(userId)).consistentRead(true));
        AttributeValue inFlight = item.hasItem() ? item.item().get(IN_FLIGHT) : null;
        return inFlight == null ? Set.of() : Set.copyOf(inFlight.ss());
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("id", AttributeValue.fromS("slots#" + userId));
    }
}
