package dev.framesmith.support.aws;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A DynamoDB table a service owns, declared as a bean from the same schema its repository uses.
 * The provisioner creates it (with its global secondary indexes, all attributes projected) when
 * provisioning is on; the health check looks for it always.
 */
public record ProvisionedTable(String name, TableSchema<?> schema, List<String> globalIndexes) {
}
