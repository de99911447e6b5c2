package dev.framesmith.notify.delivery;

import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.notify.config.NotifyProperties;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.support.aws.ProvisionedTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The delivery log in DynamoDB: one item per event id, written before the e-mail is sent, so each
 * notification is sent at most once per successful claim.
 *
 * <p>A consumer claims a notification with a conditional put ({@code attribute_not_exists(eventId)}),
 * holding it for {@code framesmith.notify.send-lease}. A record that is SENT or FAILED means a
 * duplicate delivery: nothing is sent. A record still SENDING whose lease has lapsed (the last
 * attempt failed transiently, or its consumer died) is taken over with a conditional update on
 * {@code attempts}, so two consumers can never both own the same attempt. A SENT write that fails is
 * retried by {@link UnrecordedSends}. One window stays open: a consumer that dies after SES accepted
 * the e-mail but before SENT is written leaves a SENDING record, and the next attempt sends again.
 * Delivery is exactly-once in every other case and at-least-once at that boundary.
 */
@Component
public class DeliveryLog {

    static final String BY_VIDEO = "byVideo";
    /** Fixed width, so that the sort key orders like time. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_BY_VIDEO = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final NotifyProperties properties;
    private final Clock clock;

    DeliveryLog(DynamoDbClient dynamo, FramesmithAwsProperties aws, NotifyProperties properties, Clock clock) {
        this.dynamo = dynamo;
        this.table = aws.tables().notifications();
        this.properties = properties;
        this.clock = clock;
    }

    /** The table's key and index, for provisioning and health: PK {@code eventId}, GSI {@code byVideo}. */
    static ProvisionedTable provisionedTable(String name) {
        TableSchema<?> schema = TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(TableMetadata.primaryIndexName(), "eventId", AttributeValueType.S)
                .addIndexPartitionKey(BY_VIDEO, "videoId", AttributeValueType.S)
                .addIndexSortKey(BY_VIDEO, "createdAt", AttributeValueType.S)
                .build();
        return new ProvisionedTable(name, schema, List.of(BY_VIDEO));
    }

    Claim claim(NotificationRequested request) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", s(request.eventId().toString()));
        item.put("status", s(DeliveryStatus.SENDING.name()));
        item.put("template", s(request.template().name()));
        item.put("recipient", s(request.recipientEmail()));
        putIfGiven(item, "videoId", request.videoId());
        putIfGiven(item, "userId", request.userId());
        item.put("attempts", n(1));
        item.put("createdAt", s(TIMESTAMP.format(now)));
        item.put("updatedAt", s(TIMESTAMP.format(now)));
        item.put("leaseUntil", n(lease(now)));
        try {
            dynamo.putItem(put -> put.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(eventId)"));
            return new Claim.Owned(1);
        } catch (ConditionalCheckFailedException exists) {
            return takeOver(request.eventId(), now);
        }
    }

    private Claim takeOver(UUID eventId, Instant now) {
        Map<String, AttributeValue> existing = get(eventId);
        if (existing.isEmpty()) {
            return new Claim.Busy(now);
        }
        DeliveryStatus status = DeliveryStatus.valueOf(existing.get("status").s());
        if (status != DeliveryStatus.SENDING) {
            return new Claim.Finished(status);
        }
        long leaseUntil = number(existing.get("leaseUntil"));
        if (leaseUntil > now.toEpochMilli()) {
            return new Claim.Busy(Instant.ofEpochMilli(leaseUntil));
        }
        int seen = (int) number(existing.get("attempts"));
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(eventId))
                    .updateExpression("SET attempts = :next, leaseUntil = :lease, updatedAt = :now")
                    .conditionExpression("#status = :sending AND attempts = :seen")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":next", n(seen + 1), ":lease", n(lease(now)),
                            ":now", s(TIMESTAMP.format(now)), ":sending", s(DeliveryStatus.SENDING.name()),
                            ":seen", n(seen))));
            return new Claim.Owned(seen + 1);
        } catch (ConditionalCheckFailedException raced) {
            return new Claim.Busy(Instant.ofEpochMilli(lease(now)));
        }
    }

    /** SES accepted the e-mail. Written whatever happened to the lease meanwhile: the e-mail is out. */
    void sent(UUID eventId, String sesMessageId) {
        Instant now = clock.instant();
        dynamo.updateItem(update -> update.tableName(table).key(key(eventId))
                .updateExpression("SET #status = :sent, sesMessageId = :id, updatedAt = :now REMOVE leaseUntil, #error")
                .conditionExpression("attribute_exists(eventId)")
                .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
                .expressionAttributeValues(Map.of(":sent", s(DeliveryStatus.SENT.name()), ":id", s(sesMessageId),
                        ":now", s(TIMESTAMP.format(now)))));
    }

    /** Failed for good on this attempt: it will not be tried again. */
    void failed(UUID eventId, int attempt, String error) {
        Instant now = clock.instant();
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(eventId))
                    .updateExpression("SET #status = :failed, #error = :error, updatedAt = :now REMOVE leaseUntil")
                    .conditionExpression("#status = :sending AND attempts = :attempt")
                    .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
                    .expressionAttributeValues(Map.of(":failed", s(DeliveryStatus.FAILED.name()),
                            ":error", s(error), ":now", s(TIMESTAMP.format(now)),
                            ":sending", s(DeliveryStatus.SENDING.name()), ":attempt", n(attempt))));
        } catch (ConditionalCheckFailedException superseded) {
            // A later attempt owns the record now and will settle it.
        }
    }

    /** This attempt failed transiently: give up the lease at once so that the next delivery may try. */
    void release(UUID eventId, int attempt, String error) {
        Instant now = clock.instant();
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(eventId))
                    .updateExpression("SET leaseUntil = :zero, #error = :error, updatedAt = :now")
                    .conditionExpression("#status = :sending AND attempts = :attempt")
                    .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":error", s(error),
                            ":now", s(TIMESTAMP.format(now)), ":sending", s(DeliveryStatus.SENDING.name()),
                            ":attempt", n(attempt))));
        } catch (ConditionalCheckFailedException superseded) {
            // Taken over meanwhile; the new owner's outcome counts.
        }
    }

    /**
     * Every delivery failed and the message reached the dead-letter queue: record the final failure
     * unless the notification was settled meanwhile. Never sends.
     *
     * @param receives receives of the message before it was dead-lettered, used when no attempt got as far
     *                 as the log
     * @return the record when it was marked FAILED here, empty when it was already settled
     */
    Optional<DeliveryRecord> abandon(NotificationRequested request, int receives) {
        Instant now = clock.instant();
        Map<String, AttributeValue> existing = get(request.eventId());
        if (!existing.isEmpty() && !DeliveryStatus.SENDING.name().equals(existing.get("status").s())) {
            return Optional.empty();
        }
        int attempts = existing.isEmpty() ? receives : (int) number(existing.get("attempts"));
        String error = "delivery abandoned after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (existing.containsKey("error") ? " (last error: " + existing.get("error").s() + ")" : "");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":failed", s(DeliveryStatus.FAILED.name()));
        values.put(":sending", s(DeliveryStatus.SENDING.name()));
        values.put(":error", s(error));
        values.put(":now", s(TIMESTAMP.format(now)));
        values.put(":template", s(request.template().name()));
        values.put(":recipient", s(request.recipientEmail()));
        values.put(":attempts", n(attempts));
        StringBuilder set = new StringBuilder("SET #status = :failed, #error = :error, updatedAt = :now,"
                + " #template = if_not_exists(#template, :template), recipient = if_not_exists(recipient, :recipient),"
                + " attempts = if_not_exists(attempts, :attempts), createdAt = if_not_exists(createdAt, :now)");
        if (putIfGiven(values, ":videoId", request.videoId())) {
            set.append(", videoId = if_not_exists(videoId, :videoId)");
        }
        if (putIfGiven(values, ":userId", request.userId())) {
            set.append(", userId = if_not_exists(userId, :userId)");
        }
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(request.eventId()))
                    .updateExpression(set + " REMOVE leaseUntil")
                    .conditionExpression("attribute_not_exists(eventId) OR #status = :sending")
                    .expressionAttributeNames(Map.of("#status", "status", "#error", "error", "#template", "template"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException settled) {
            return Optional.empty();
        }
        return find(request.eventId());
    }

    public Optional<DeliveryRecord> find(UUID eventId) {
        Map<String, AttributeValue> item = get(eventId);
        return item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    /** The newest deliveries for a video first, at most 100. */
    public List<DeliveryRecord> findByVideo(String videoId) {
        return dynamo.query(query -> query.tableName(table).indexName(BY_VIDEO)
                        .keyConditionExpression("videoId = :videoId")
                        .expressionAttributeValues(Map.of(":videoId", s(videoId)))
                        .scanIndexForward(false)
                        .limit(MAX_BY_VIDEO))
                .items().stream()
                .map(DeliveryLog::toRecord)
                .toList();
    }

    private Map<String, AttributeValue> get(UUID eventId) {
        return dynamo.getItem(get -> get.tableName(table).key(key(eventId)).consistentRead(true)).item();
    }

    private long lease(Instant now) {
        return now.plus(properties.sendLease()).truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    }

    private static DeliveryRecord toRecord(Map<String, AttributeValue> item) {
        return new DeliveryRecord(
                text(item, "eventId"),
                DeliveryStatus.valueOf(text(item, "status")),
                text(item, "template"),
                text(item, "recipient"),
                text(item, "videoId"),
                text(item, "userId"),
                (int) number(item.get("attempts")),
                text(item, "sesMessageId"),
                text(item, "error"),
                instant(text(item, "createdAt")),
                instant(text(item, "updatedAt")));
    }

    /** Account e-mails have no video: an attribute is written only when it has a value (so {@code byVideo} skips them). */
    private static boolean putIfGiven(Map<String, AttributeValue> item, String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        item.put(name, s(value));
        return true;
    }

    private static Map<String, AttributeValue> key(UUID eventId) {
        return Map.of("eventId", s(eventId.toString()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
