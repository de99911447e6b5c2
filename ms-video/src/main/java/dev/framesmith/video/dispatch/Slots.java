package dev.framesmith.video.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Each user's processing slots: one item per user in the videos table ({@code id = "slots#" + userId}) whose
 * string set {@code inFlight} holds the ids of the videos that hold a slot, and {@code queued} those of them whose
 * job was not started yet. Taking a slot adds the video id to both under a condition on the sizes of both; a start
 * deletes it from {@code queued}, giving the slot back from both. Each is a single conditional write, so the counts
 * are exact under any concurrency, and each is idempotent per video: a repeated release cannot free another
 * video's slot, a repeated acquire cannot take a second one.
 */
class Slots {

    enum Acquired {
        /** This call took a slot for the video. */
        TAKEN,
        /** The video already held a slot (taken earlier by this or another dispatcher). */
        ALREADY_HELD,
        /** Every slot of the user is in use, or as many of the user's jobs as may wait for a worker do. */
        FULL
    }

    private static final String IN_FLIGHT = "inFlight";
    private static final String QUEUED = "queued";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int maxPerUser;
    private final int maxQueuedPerUser;

    Slots(DynamoDbClient dynamo, String table, int maxPerUser, int maxQueuedPerUser) {
        this.dynamo = dynamo;
        this.table = table;
        this.maxPerUser = maxPerUser;
        this.maxQueuedPerUser = maxQueuedPerUser;
    }

    Acquired acquire(String userId, String videoId) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(userId))
                    .updateExpression("ADD #f :v, #q :v")
                    .conditionExpression("(attribute_not_exists(#f) OR (size(#f) < :max AND NOT contains(#f, :id)))"
                            + " AND (attribute_not_exists(#q) OR size(#q) < :maxQueued)")
                    .expressionAttributeNames(Map.of("#f", IN_FLIGHT, "#q", QUEUED))
                    .expressionAttributeValues(Map.of(
                            ":v", AttributeValue.fromSs(List.of(videoId)),
                            ":max", AttributeValue.fromN(Integer.toString(maxPerUser)),
                            ":maxQueued", AttributeValue.fromN(Integer.toString(maxQueuedPerUser)),
                            ":id", AttributeValue.fromS(videoId))));
            return Acquired.TAKEN;
        } catch (ConditionalCheckFailedException refused) {
            return holders(userId).contains(videoId) ? Acquired.ALREADY_HELD : Acquired.FULL;
        }
    }

    /** The video's job started: it keeps its slot, and no longer counts among the jobs waiting for a worker. */
    void started(String userId, String videoId) {
        remove(userId, videoId, QUEUED);
    }

    /** Gives the video's slot back; nothing happens when it holds none. */
    void release(String userId, String videoId) {
        remove(userId, videoId, IN_FLIGHT, QUEUED);
    }

    /** The ids of the videos holding a slot of the user. */
    Set<String> holders(String userId) {
        return read(userId, IN_FLIGHT);
    }

    /** The ids of the videos holding a slot whose job has not started, as far as this class was told. */
    Set<String> queued(String userId) {
        return read(userId, QUEUED);
    }

    /** Deletes the video's id from each of the sets. */
    private void remove(String userId, String videoId, String... sets) {
        Map<String, String> names = new HashMap<>();
        StringJoiner update = new StringJoiner(", ", "DELETE ", "");
        for (int i = 0; i < sets.length; i++) {
            names.put("#s" + i, sets[i]);
            update.add("#s" + i + " :v");
        }
        dynamo.updateItem(request -> request.tableName(table)
                .key(key(userId))
                .updateExpression(update.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromSs(List.of(videoId)))));
    }

    private Set<String> read(String userId, String attribute) {
        GetItemResponse item = dynamo.getItem(request -> request.tableName(table).key(key(userId)).consistentRead(true));
        AttributeValue ids = item.hasItem() ? item.item().get(attribute) : null;
        return ids == null ? Set.of() : Set.copyOf(ids.ss());
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("id", AttributeValue.fromS("slots#" + userId));
    }
}
