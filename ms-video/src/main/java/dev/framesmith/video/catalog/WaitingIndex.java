package dev.framesmith.video.catalog;

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
 * Keeps {@link Video#getWaitingUserId()} true in the same write that sets a status: a video moved to WAITING gets
 * its owner's id there (copied from the item by DynamoDB, so no caller supplies it), any other status removes it.
 * The index over it therefore holds exactly the WAITING videos. A new video is never WAITING.
 */
final class WaitingIndex implements DynamoDbEnhancedClientExtension {

    private static final String STATUS = "status";
    private static final AttributeValue WAITING = AttributeValue.fromS(VideoStatus.WAITING.name());
    private static final UpdateExpression ENTER = UpdateExpression.builder()
            .addAction(SetAction.builder().path("#waitingUser").value("#owner")
                    .expressionNames(Map.of("#waitingUser", "waitingUserId", "#owner", "userId"))
                    .expressionValues(Map.of()).build())
            .build();
    private static final UpdateExpression LEAVE = UpdateExpression.builder()
            .addAction(RemoveAction.builder().path("#waitingUser")
                    .expressionNames(Map.of("#waitingUser", "waitingUserId")).build())
            .build();

    @Override
    public WriteModification beforeWrite(DynamoDbExtensionContext.BeforeWrite context) {
        AttributeValue status = context.items().get(STATUS);
        if (context.operationName() != OperationName.UPDATE_ITEM || status == null) {
            return WriteModification.builder().build();
        }
        return WriteModification.builder().updateExpression(WAITING.equals(status) ? ENTER : LEAVE).build();
    }
}
