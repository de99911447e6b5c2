package dev.framesmith.support.aws;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/** Creates the service's tables and their global secondary indexes from the schemas its code uses. */
class TableProvisioner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TableProvisioner.class);

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbClient dynamo;
    private final List<ProvisionedTable> tables;

    TableProvisioner(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, List<ProvisionedTable> tables) {
        this.enhanced = enhanced;
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public void afterPropertiesSet() {
        tables.forEach(this::create);
    }

    private void create(ProvisionedTable table) {
        List<EnhancedGlobalSecondaryIndex> indexes = table.globalIndexes().stream()
                .map(name -> EnhancedGlobalSecondaryIndex.builder()
                        .indexName(name)
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build())
                .toList();
        try {
            enhanced.table(table.name(), table.schema()).createTable(CreateTableEnhancedRequest.builder()
                    .globalSecondaryIndices(indexes)
                    .build());
            dynamo.waiter().waitUntilTableExists(request -> request.tableName(table.name()));
            log.info("Table {} created", table.name());
        } catch (ResourceInUseException exists) {
            log.debug("Table {} already exists", table.name());
        }
    }
}
