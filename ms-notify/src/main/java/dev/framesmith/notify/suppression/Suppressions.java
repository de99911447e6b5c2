package dev.framesmith.notify.suppression;

import dev.framesmith.support.aws.FramesmithAwsProperties;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Addresses that get no more e-mail because SES reported a permanent bounce or a complaint for them. Kept in the
 * delivery log's table, one item per address under the key {@code suppressed#<address in lower case>} (no
 * {@code videoId}, so the {@code byVideo} index never shows them); the first reason stays.
 */
@Component
public class Suppressions {

    static final String KEY_PREFIX = "suppressed#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    Suppressions(DynamoDbClient dynamo, FramesmithAwsProperties aws, Clock clock) {
        this.dynamo = dynamo;
        this.table = aws.tables().notifications();
        this.clock = clock;
    }

    /** Why the address is suppressed ({@code bounce}, {@code complaint}), or empty when mail may go to it. */
    public Optional<String> reason(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(table).key(key(address))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("reason").s());
    }

    /** @return whether the address was suppressed here (false when it already was) */
    boolean suppress(String address, String reason, UUID feedbackId) {
        Map<String, AttributeValue> item = new HashMap<>(key(address));
        item.put("reason", AttributeValue.fromS(reason));
        item.put("feedbackId", AttributeValue.fromS(feedbackId.toString()));
        item.put("createdAt", AttributeValue.fromS(clock.instant().toString()));
        try {
            dynamo.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(eventId)"));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String address) {
        return Map.of("eventId", AttributeValue.fromS(KEY_PREFIX + address.strip().toLowerCase(Locale.ROOT)));
    }
}
