package dev.framesmith.video.support;

import dev.framesmith.video.catalog.VideoStore;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Records every query the service's DynamoDB client sends to the index of a user's changes
 * ({@value VideoStore#BY_USER_UPDATED}): when, and for which user. An interceptor on the real client: each record
 * is one request the table received. Imported as a bean itself, so tests inject it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ChangeQueries {

    private final List<Query> sent = new CopyOnWriteArrayList<>();

    @Bean
    DynamoDbClientCustomizer changeQueryRecorder() {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query
                        && VideoStore.BY_USER_UPDATED.equals(query.indexName())) {
                    query.expressionAttributeValues().values().stream().map(AttributeValue::s)
                            .forEach(value -> sent.add(new Query(value, Instant.now())));
                }
            }
        };
        // Added to the client's configuration, keeping what the service set (its call timeouts).
        return builder -> builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(recorder).build());
    }

    /** The times the user's changes were queried, oldest first. */
    public List<Instant> of(String userId) {
        return sent.stream().filter(query -> userId.equals(query.userId())).map(Query::at).toList();
    }

    private record Query(String userId, Instant at) {
    }
}
