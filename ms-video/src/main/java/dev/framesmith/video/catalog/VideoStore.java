package dev.framesmith.video.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The videos table (DynamoDB, enhanced client). Every change of an existing video's status is a {@link Transition}:
 * a conditional write on its current status, so concurrent writers (replicas, redelivered messages, the sweeper) can
 * only move a video forward, and each move happens once. Each write of a video's state is announced as a
 * {@link VideoChanged}.
 */
public class VideoStore {

    public static final String BY_USER = "byUser";
    public static final String BY_STATUS = "byStatus";
    public static final String BY_USER_UPDATED = "byUserUpdated";
    /**
     * Sparse: only {@linkplain VideoStatus#PENDING pending} videos are in it, so dispatch, queue positions and the
     * upload quotas read none of a user's history.
     */
    public static final String PENDING_BY_USER = "pendingByUser";
    public static final List<String> INDEXES = List.of(BY_USER, BY_STATUS, BY_USER_UPDATED, PENDING_BY_USER);

    /** Finished-with items (deleted, expired) stay this long so late messages about them are recognised. */
    static final Duration KEEP_FINISHED = Duration.ofDays(30);

    private final DynamoDbTable<Video> table;
    private final DynamoDbClient dynamo;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public VideoStore(DynamoDbTable<Video> table, DynamoDbClient dynamo, MeterRegistry meters, Clock clock,
            ApplicationEventPublisher events) {
        this.table = table;
        this.dynamo = dynamo;
        this.meters = meters;
        this.clock = clock;
        this.events = events;
    }

    public String tableName() {
        return table.tableName();
    }

    /** Writes a new video ({@link Video#streamed}, {@link Video#direct}), created now; fails if the id exists. */
    public void create(Video video) {
        Instant now = now();
        video.setCreatedAt(now);
        video.setUpdatedAt(now);
        table.putItem(PutItemEnhancedRequest.builder(Video.class)
                .item(video)
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(id)")
                        .build())
                .build());
        counted(video.getStatus());
        events.publishEvent(new VideoChanged(video.getUserId(), video.getId()));
    }

    public Optional<Video> find(String id) {
        return Optional.ofNullable(table.getItem(request -> request.key(key(id)).consistentRead(true)));
    }

    /**
     * Performs a transition: one conditional write on the video's status (and, for the moves that require it, on
     * its last change being the one {@code seen} carries), writing the move's fields and the change time.
     *
     * @param seen the video as the caller read it (only its id, and its {@code updatedAt} where the move checks it)
     * @return the video after the write, or empty when the move was not allowed from its current state
     */
    public Optional<Video> apply(Video seen, Transition transition) {
        Instant now = now();
        Video changes = transition.changes(now);
        Integer percent = transition.raisedProgress();
        if (percent != null) {
            changes.setProgress(percent);
            Optional<Video> raised = write(seen.getId(), condition(transition.name(), seen, percent), changes, now);
            if (raised.isPresent()) {
                return raised;
            }
            // Same or lower percentage (a duplicate or a late report): still a sign of life.
            changes.setProgress(null);
        }
        return write(seen.getId(), condition(transition.name(), seen, null), changes, now);
    }

    /** The move's source statuses, its optimistic check where it has one, and a rising progress where it raises. */
    private static Expression condition(Transition.Name name, Video seen, Integer raisingTo) {
        Expression.Builder condition = statusIn(name.from());
        StringBuilder text = new StringBuilder(condition.build().expression());
        if (name.requiresUnchangedSinceRead()) {
            text.append(" AND #vu = :vu");
            condition.putExpressionName("#vu", "updatedAt")
                    .putExpressionValue(":vu", AttributeValue.fromS(Timestamps.format(seen.getUpdatedAt())));
        }
        if (raisingTo != null) {
            text.append(" AND (attribute_not_exists(#vp) OR #vp < :vp)");
            condition.putExpressionName("#vp", "progress")
                    .putExpressionValue(":vp", AttributeValue.fromN(Integer.toString(raisingTo)));
        }
        return condition.expression(text.toString()).build();
    }

    /**
     * Claims the sending of a video's notification: true for one caller at a time, while the video has that status
     * and its notification is not recorded as sent. A claim older than {@code staleBefore} (its holder died between
     * claim and record) may be taken again.
     */
    public boolean claimNotification(String id, VideoStatus status, Instant staleBefore) {
        Expression condition = Expression.builder()
                .expression("attribute_not_exists(#vn) AND (attribute_not_exists(#vc) OR #vc < :stale) AND #vs = :vs")
                .putExpressionName("#vn", "notifiedAt")
                .putExpressionName("#vc", "notifyClaimedAt")
                .putExpressionName("#vs", "status")
                .putExpressionValue(":vs", AttributeValue.fromS(status.name()))
                .putExpressionValue(":stale", AttributeValue.fromS(Timestamps.format(staleBefore)))
                .build();
        Video claim = new Video();
        claim.setNotifyClaimedAt(now());
        return write(id, condition, claim, null).isPresent();
    }

    /** Gives a claim back after sending failed, so the next attempt need not wait for it to go stale. */
    public void releaseNotificationClaim(String id) {
        dynamo.updateItem(request -> request.tableName(table.tableName())
                .key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("REMOVE notifyClaimedAt")
                .conditionExpression("attribute_exists(id)"));
    }

    /** Records that the notification of a video's outcome was sent: from then on it is never asked for again. */
    public void markNotified(String id) {
        Video notified = new Video();
        notified.setNotifiedAt(now());
        write(id, Expression.builder().expression("attribute_exists(id)").build(), notified, null);
    }

    /** Removes a video that never became visible (a direct upload rejected on completion). */
    public boolean deleteIf(String id, VideoStatus status) {
        try {
            table.deleteItem(request -> request.key(key(id))
                    .conditionExpression(statusIn(List.of(status)).build()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * One page of a user's videos, newest first, optionally of one status; never the deleted ones.
     *
     * @param after the last video of the previous page, or {@code null}
     */
    public ListPage listByUser(String userId, VideoStatus status, int limit, PageKey after) {
        Expression.Builder filter = Expression.builder().putExpressionName("#vs", "status");
        if (status == null) {
            filter.expression("#vs <> :deleted").putExpressionValue(":deleted", AttributeValue.fromS("DELETED"));
        } else {
            filter.expression("#vs = :vs").putExpressionValue(":vs", AttributeValue.fromS(status.name()));
        }
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(userId)))
                .scanIndexForward(false)
                .limit(Math.min(100, limit + 1))
                .filterExpression(filter.build());
        if (after != null) {
            request.exclusiveStartKey(after.toKey(userId));
        }
        Iterator<Video> videos = items(table.index(BY_USER).query(request.build())).iterator();
        List<Video> page = new ArrayList<>(limit);
        while (page.size() < limit && videos.hasNext()) {
            page.add(videos.next());
        }
        boolean more = page.size() == limit && videos.hasNext();
        return new ListPage(page, more ? PageKey.of(page.get(page.size() - 1)) : null);
    }

    /** A user's WAITING videos in upload order. Lazy: read as far as the caller iterates. */
    public Stream<Video> waitingOldestFirst(String userId) {
        return items(table.index(PENDING_BY_USER).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(userId)))
                .scanIndexForward(true)
                .filterExpression(statusIn(List.of(VideoStatus.WAITING)).build())
                .build()));
    }

    /** Videos of a status last changed before an instant, oldest change first. Lazy. */
    public Stream<Video> withStatusChangedBefore(VideoStatus status, Instant before) {
        return items(table.index(BY_STATUS).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThan(k -> k.partitionValue(status.name())
                        .sortValue(Timestamps.format(before))))
                .scanIndexForward(true)
                .build()));
    }

    /** Videos of a status last changed between two instants whose notification is not recorded as sent. Lazy. */
    public Stream<Video> unnotifiedChangedBetween(VideoStatus status, Instant from, Instant to) {
        Expression notNotified = Expression.builder()
                .expression("attribute_not_exists(#vn)")
                .putExpressionName("#vn", "notifiedAt")
                .build();
        return items(table.index(BY_STATUS).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(
                        k -> k.partitionValue(status.name()).sortValue(Timestamps.format(from)),
                        k -> k.partitionValue(status.name()).sortValue(Timestamps.format(to))))
                .filterExpression(notNotified)
                .scanIndexForward(true)
                .build()));
    }

    /** Videos of a status, any age. Lazy. */
    public Stream<Video> withStatus(VideoStatus status) {
        return items(table.index(BY_STATUS).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(status.name())))
                .build()));
    }

    /** A user's videos changed at or after an instant (any status), oldest change first. */
    public List<Video> changedSince(String userId, Instant since) {
        return items(table.index(BY_USER_UPDATED).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(k -> k.partitionValue(userId)
                        .sortValue(Timestamps.format(since))))
                .scanIndexForward(true)
                .build()))
                .collect(Collectors.toList());
    }

    /** A user's videos that are not finished (uploading, waiting or being processed). Lazy. */
    public Stream<Video> unfinishedOf(String userId) {
        List<VideoStatus> unfinished = Stream.of(VideoStatus.values()).filter(status -> !status.finished()).toList();
        return items(table.index(BY_USER).query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(userId)))
                .filterExpression(statusIn(unfinished).build())
                .build()));
    }

    /**
     * How many of a user's videos have a {@linkplain VideoStatus#PENDING pending} status, counted up to
     * {@code atMost} (a count query on the index of pending videos that stops reading once it got there).
     */
    public long countPending(String userId, VideoStatus status, long atMost) {
        if (!VideoStatus.PENDING.contains(status)) {
            throw new IllegalArgumentException(status + " is not a pending status");
        }
        long counted = 0;
        var pages = dynamo.queryPaginator(request -> request.tableName(table.tableName())
                .indexName(PENDING_BY_USER)
                .keyConditionExpression("#user = :user")
                .filterExpression("#vs = :vs")
                .expressionAttributeNames(Map.of("#user", "pendingUserId", "#vs", "status"))
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId),
                        ":vs", AttributeValue.fromS(status.name())))
                .select(Select.COUNT)).iterator();
        while (counted < atMost && pages.hasNext()) {
            counted += pages.next().count();
        }
        return Math.min(counted, atMost);
    }

    /** How many videos have a status (a count query on the status index). */
    public long count(VideoStatus status) {
        return dynamo.queryPaginator(request -> request.tableName(table.tableName())
                        .indexName(BY_STATUS)
                        .keyConditionExpression("#vs = :vs")
                        .expressionAttributeNames(Map.of("#vs", "status"))
                        .expressionAttributeValues(Map.of(":vs", AttributeValue.fromS(status.name())))
                        .select(Select.COUNT))
                .stream()
                .mapToLong(page -> page.count())
                .sum();
    }

    /** The epoch second after which a finished-with item may be purged. */
    public static long purgeAt(Instant now) {
        return now.plus(KEEP_FINISHED).getEpochSecond();
    }

    /** Writes the non-null fields of {@code partial} if the condition holds; {@code updatedAt} unless null. */
    private Optional<Video> write(String id, Expression condition, Video partial, Instant updatedAt) {
        partial.setId(id);
        partial.setUpdatedAt(updatedAt);
        try {
            Video updated = table.updateItem(UpdateItemEnhancedRequest.builder(Video.class)
                    .item(partial)
                    .ignoreNulls(true)
                    .conditionExpression(condition)
                    .build());
            counted(partial.getStatus());
            if (updatedAt != null) {
                events.publishEvent(new VideoChanged(updated.getUserId(), id));
            }
            return Optional.of(updated);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Counts a write that set a status (rates per status; a status set again, e.g. PROCESSING, counts again). */
    private void counted(VideoStatus status) {
        if (status != null) {
            meters.counter("framesmith.video.transitions", "status", status.name()).increment();
        }
    }

    private static Expression.Builder statusIn(Collection<VideoStatus> statuses) {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("at least one status is required");
        }
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        int i = 0;
        for (VideoStatus status : statuses) {
            String placeholder = ":vs" + i++;
            placeholders.add(placeholder);
            values.put(placeholder, AttributeValue.fromS(status.name()));
        }
        return Expression.builder()
                .expression("#vs IN (" + String.join(", ", placeholders) + ")")
                .putExpressionName("#vs", "status")
                .expressionValues(values);
    }

    private Instant now() {
        return Timestamps.now(clock);
    }

    private static <T> Stream<T> items(SdkIterable<Page<T>> pages) {
        return pages.stream().flatMap(page -> page.items().stream());
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }

    /** A page of a user's list and where the next one starts ({@code null} at the end). */
    public record ListPage(List<Video> videos, PageKey next) {
    }

    /** The position after a video in its user's newest-first list. */
    public record PageKey(String id, Instant createdAt) {

        static PageKey of(Video video) {
            return new PageKey(video.getId(), video.getCreatedAt());
        }

        Map<String, AttributeValue> toKey(String userId) {
            return Map.of("id", AttributeValue.fromS(id),
                    "userId", AttributeValue.fromS(userId),
                    "createdAt", AttributeValue.fromS(Timestamps.format(createdAt)));
        }
    }
}
