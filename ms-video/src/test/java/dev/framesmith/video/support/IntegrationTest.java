package dev.framesmith.video.support;

import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.NotificationRequested;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.aws.FramesmithAwsProperties;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.testsupport.MutableClock;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The application context of the integration tests (keep the configuration identical in every subclass so it is
 * shared; only QuotasTest, whose caps would trip every other test, has its own): ms-video on a random port against
 * the test back-end, with small sizes and short times, the sweeper run by the tests themselves, a clock the
 * tests move forward instead of waiting, and {@link RevokedTokens} in ms-auth's place for revocation checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "framesmith.video.max-upload-size=12MB",
        "framesmith.video.part-size=5MB",
        "framesmith.video.multipart-threshold=6MB",
        "framesmith.video.direct-part-size=5MB",
        "framesmith.video.max-files-per-request=5",
        "framesmith.video.upload-rate-window=5s",
        "framesmith.video.quotas.concurrent-uploads=50",
        "framesmith.video.sweep.enabled=false",
        "framesmith.video.sweep.dispatch-retry-after=10s",
        "framesmith.video.sweep.redispatch-after=30s",
        "framesmith.video.sweep.stale-after=60s",
        "framesmith.video.live.poll-interval=300ms",
        "framesmith.video.live.idle-poll-interval=4s",
        "framesmith.video.live.heartbeat-interval=2s",
        "framesmith.security.jwt.revocation-check-every=1s"})
@UseTestBackend
@Import({TestClock.class, FollowUpFaults.class, ChangeQueries.class})
public abstract class IntegrationTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;
    @Autowired
    protected VideoStore store;
    @Autowired
    protected S3Client s3;
    @Autowired
    protected SqsAsyncClient sqs;
    @Autowired
    protected FramesmithAwsProperties aws;
    @Autowired
    protected DynamoDbClient dynamo;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected FollowUpFaults followUpFaults;
    @Autowired
    protected ChangeQueries changeQueries;

    protected Api api;

    @DynamicPropertySource
    static void revocationChecks(DynamicPropertyRegistry registry) {
        registry.add("framesmith.security.jwt.revocation-uri", () -> RevokedTokens.uri().toString());
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        // The context, and its clock, are shared by the test classes: each test starts at the system's time.
        clock.reset();
    }

    protected int port() {
        return port;
    }

    /** {@code POST /videos}, as a browser sends it. */
    protected Api.Response upload(String token, Multipart body) {
        return api.postMultipart("/videos", token, body);
    }

    protected QueueProbe processingQueue() {
        return QueueProbe.of(sqs, aws.queues().processing());
    }

    protected QueueProbe notificationQueue() {
        return QueueProbe.of(sqs, aws.queues().notifications());
    }

    protected List<ProcessVideo> jobsOf(String userId) {
        return processingQueue().messages(ProcessVideo.class, job -> job.userId().equals(userId));
    }

    protected List<NotificationRequested> notificationsOf(String videoId) {
        return notificationQueue().messages(NotificationRequested.class, n -> n.videoId().equals(videoId));
    }

    /** Sends a worker event to the events queue, as the worker would. */
    protected void publish(VideoEvent event) {
        String url = sqs.getQueueUrl(request -> request.queueName(aws.queues().events())).join().queueUrl();
        sqs.sendMessage(request -> request.queueUrl(url).messageBody(MessageCodec.encode(event))).join();
    }

    /**
     * Reports, as the worker would, the start of the user's QUEUED video, {@code count} times: each start lets the
     * user's next waiting video be queued.
     *
     * @return the started videos, in the order they started
     */
    protected List<String> startQueuedVideos(String userId, int count) {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String queued = await().atMost(PATIENCE).until(() -> itemsOf(userId).stream()
                    .filter(video -> video.getStatus() == VideoStatus.QUEUED).map(Video::getId).findFirst(),
                    Optional::isPresent).orElseThrow();
            publish(VideoEvent.started(queued, userId));
            awaitStatus(queued, VideoStatus.PROCESSING);
            awaitEventsConsumed();
            started.add(queued);
        }
        return started;
    }

    /** Waits until the events queue has nothing left to deliver. */
    protected void awaitEventsConsumed() {
        await().atMost(PATIENCE).until(() -> QueueProbe.of(sqs, aws.queues().events()).pending() == 0);
    }

    protected Video video(String id) {
        return store.find(id).orElseThrow();
    }

    protected Optional<Video> findVideo(String id) {
        return store.find(id);
    }

    protected void awaitStatus(String id, VideoStatus status) {
        await().atMost(PATIENCE).until(() -> store.find(id).map(Video::getStatus).orElse(null) == status);
    }

    /** Keys of the objects stored under a user's raw or frames prefix. */
    protected List<String> objectsOf(String userId) {
        return prefixesOf(userId)
                .flatMap(prefix -> s3.listObjectsV2Paginator(request -> request.bucket(aws.bucket()).prefix(prefix))
                        .contents().stream())
                .map(S3Object::key)
                .toList();
    }

    /** Multipart uploads still open under a user's raw and frames prefixes. */
    protected List<String> openMultipartUploadsOf(String userId) {
        return prefixesOf(userId)
                .flatMap(prefix -> s3.listMultipartUploads(request -> request.bucket(aws.bucket()).prefix(prefix))
                        .uploads().stream())
                .map(upload -> upload.key())
                .toList();
    }

    /** Where a user's sources and outputs are kept. */
    private static Stream<String> prefixesOf(String userId) {
        return Stream.of(StorageKeys.SOURCE_PREFIX, StorageKeys.FRAMES_PREFIX)
                .map(prefix -> prefix + userId + "/");
    }

    /** The user's videos as the table has them (not deleted). */
    protected List<Video> itemsOf(String userId) {
        return store.listByUser(userId, null, 100, null).videos();
    }

    /** The ids in the user's slot item, read straight from the table. */
    protected Set<String> slotHolders(String userId) {
        var item = dynamo.getItem(request -> request.tableName(aws.tables().videos())
                .key(Map.of("id", AttributeValue.fromS("slots#" + userId))).consistentRead(true)).item();
        AttributeValue inFlight = item == null ? null : item.get("inFlight");
        return inFlight == null ? Set.of() : Set.copyOf(inFlight.ss());
    }

    protected Map<String, String> metadataOf(String key) {
        return s3.headObject(request -> request.bucket(aws.bucket()).key(key)).metadata();
    }
}
