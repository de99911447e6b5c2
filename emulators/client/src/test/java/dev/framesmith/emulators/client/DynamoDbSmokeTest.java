package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbSmokeTest {

    static DynamoDbClient dynamodb;
    static String table;

    @BeforeAll
    static void createTable() {
        dynamodb = Clients.dynamodb(SharedKit.endpoints());
        table = "smoke-" + UUID.randomUUID();
        dynamodb.createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("owner").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("createdAt").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .globalSecondaryIndexes(index -> index.indexName("byOwner")
                        .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH),
                                k -> k.attributeName("createdAt").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        dynamodb.waiter().waitUntilTableExists(r -> r.tableName(table));
    }

    @AfterAll
    static void close() {
        dynamodb.close();
    }

    @Test
    void aConditionalWriteOnAnExistingKeyIsRejectedAndChangesNothing() {
        String id = UUID.randomUUID().toString();
        dynamodb.putItem(r -> r.tableName(table).item(item(id, "alice", "2026-01-01T00:00:00Z", "UPLOADED"))
                .conditionExpression("attribute_not_exists(id)"));

        assertThatThrownBy(() -> dynamodb.putItem(r -> r.tableName(table)
                .item(item(id, "alice", "2026-01-01T00:00:00Z", "DONE"))
                .conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);

        assertThat(dynamodb.getItem(r -> r.tableName(table).key(Map.of("id", s(id))).consistentRead(true)).item())
                .containsEntry("status", s("UPLOADED"));
    }

    @Test
    void theSecondaryIndexIsQueriedInSortKeyOrder() {
        String owner = "owner-" + UUID.randomUUID();
        dynamodb.putItem(r -> r.tableName(table).item(item("b-" + owner, owner, "2026-01-02T00:00:00Z", "QUEUED")));
        dynamodb.putItem(r -> r.tableName(table).item(item("a-" + owner, owner, "2026-01-01T00:00:00Z", "DONE")));
        dynamodb.putItem(r -> r.tableName(table).item(item("c-" + owner, "someone-else", "2026-01-01T00:00:00Z",
                "DONE")));

        var found = dynamodb.query(r -> r.tableName(table).indexName("byOwner")
                .keyConditionExpression("#owner = :owner")
                .expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":owner", s(owner)))).items();

        assertThat(found).extracting(item -> item.get("id").s()).containsExactly("a-" + owner, "b-" + owner);
    }

    private static Map<String, AttributeValue> item(String id, String owner, String createdAt, String status) {
        return Map.of("id", s(id), "owner", s(owner), "createdAt", s(createdAt), "status", s(status));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
