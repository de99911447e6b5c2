package dev.framesmith.video.catalog;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClientExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbExtensionContext;
import software.amazon.awssdk.enhanced.dynamodb.extensions.WriteModification;
import software.amazon.awssdk.enhanced.dynamodb.internal.operations.OperationName;
import software.amazon.awssdk.enhanced.dynamodb.update.RemoveAction;
import software.amazon.awssdk.enhanced.dynamodb.update.SetAction;
import software.amazon.awssdk.enhanced.dynamodb.update.UpdateExpression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps {@link Video#getPendingUserId()} true in the same write that sets a status: a video created or moved into a
 * {@linkplain VideoStatus#PENDING pending} status gets its owner's id there (on a move, copied from the item by
 * DynamoDB, so no caller supplies it), any other status removes it. The index over it therefore holds exactly the
 * pending videos.
 */
final class PendingIndex implements DynamoDbEnhancedClientExtension {

    private static final String STATUS = "status";
    private static final String OWNER = "userId";
    private static final String PENDING_OWNER = "pendingUserId";

    private static final UpdateExpression ENTER = UpdateExpression.builder()
            .addAction(SetAction.builder().path("#pendingOwner").value("#owner")
                    .expressionNames(Map.of("#pendingOwner", PENDING_OWNER, "#owner", OWNER))
                    .expressionValues(Map.of()).build())
            .build();
    private static final UpdateExpression LEAVE = UpdateExpression.builder()
            .addAction(RemoveAction.builder().path("#pendingOwner")
                    .expressionNames(Map.of("#pendingOwner", PENDING_OWNER)).build())
            .build();

    @Override
    public WriteModification beforeWrite(DynamoDbExtensionContext.BeforeWrite context) {
        AttributeValue status = context.items().get(STATUS);
        if (status == null) {
            return WriteModification.builder().build();
        }
        boolean pending = VideoStatus.PENDING.stream().anyMatch(s -> s.name().equals(status.s()));
        if (context.operationName() == OperationName.UPDATE_ITEM) {
            return WriteModification.builder().updateExpression(pending ? ENTER : LEAVE).build();
        }
        if (context.operationName() == OperationName.PUT_ITEM && pending) {
            Map<String, AttributeValue> item = new HashMap<>(context.items());
            item.put(PENDING_OWNER, item.get(OWNER));
            return WriteModification.builder().transformedItem(item).build();
        }
        return WriteModification.builder().build();
    }
}
