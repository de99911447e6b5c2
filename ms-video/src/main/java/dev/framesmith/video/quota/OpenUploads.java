package dev.framesmith.video.quota;

import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The direct uploads each user has started and not completed, counted exactly: one item per user in the videos table
 * ({@code id = "uploads#" + userId}) whose string set {@code open} holds the ids of those videos. A video is written
 * first and then takes its place, under a condition on the set's size: one conditional write, so starts sent in
 * parallel cannot pass the cap (the pending index, read before, lags its writes). A completed upload gives its place
 * back; one that ended otherwise (deleted, expired, refused) leaves its id behind, which a start that finds the set
 * full drops, as it does every id whose video is no longer UPLOADING, before it tries once more.
 */
class OpenUploads {

    private static final String OPEN = "open";

    private final DynamoDbClient dynamo;
    private final VideoStore store;

    OpenUploads(DynamoDbClient dynamo, VideoStore store) {
        this.dynamo = dynamo;
        this.store = store;
    }

    /** Takes a place for the user's UPLOADING video; false when {@code max} of its others still hold one. */
    boolean take(String userId, String videoId, int max) {
        if (add(userId, videoId, max)) {
            return true;
        }
        for (String held : held(userId)) {
            if (!held.equals(videoId) && store.find(held).map(Video::getStatus)
                    .filter(status -> status == VideoStatus.UPLOADING).isEmpty()) {
                release(userId, held);
            }
        }
        return add(userId, videoId, max);
    }

    /** Gives the video's place back; nothing happens when it holds none. */
    void release(String userId, String videoId) {
        dynamo.updateItem(request -> request.tableName(store.tableName())
                .key(key(userId))
                .updateExpression("DELETE #o :v")
                .expressionAttributeNames(Map.of("#o", OPEN))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromSs(List.of(videoId)))));
    }

    private boolean add(String userId, String videoId, int max) {
        try {
            dynamo.updateItem(request -> request.tableName(store.tableName())
                    .key(key(userId))
                    .updateExpression("ADD #o :v")
                    .conditionExpression("attribute_not_exists(#o) OR size(#o) < :max OR contains(#o, :id)")
                    .expressionAttributeNames(Map.of("#o", OPEN))
                    .expressionAttributeValues(Map.of(
                            ":v", AttributeValue.fromSs(List.of(videoId)),
                            ":max", AttributeValue.fromN(Integer.toString(max)),
                            ":id", AttributeValue.fromS(videoId))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    private Set<String> held(String userId) {
        GetItemResponse item = dynamo.getItem(request -> request.tableName(store.tableName()).key(key(userId))
                .consistentRead(true));
        AttributeValue ids = item.hasItem() ? item.item().get(OPEN) : null;
        return ids == null ? Set.of() : Set.copyOf(ids.ss());
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("id", AttributeValue.fromS("uploads#" + userId));
    }
}
