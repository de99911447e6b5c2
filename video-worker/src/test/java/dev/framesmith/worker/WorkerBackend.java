package dev.framesmith.worker;

import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.Headers;
import dev.framesmith.contracts.MessageCodec;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.Queues;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.testsupport.TestBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The test's own view of the back-end, through plain SDK clients: puts sources into S3, sends jobs,
 * reads the events queue and inspects queues and objects. Queue names are per test class, so
 * tests never read each other's messages.
 */
public final class WorkerBackend {

    public static final String BUCKET = "framesmith-videos";

    private final S3Client s3;
    private final SqsClient sqs;
    private final String processingQueue;
    private final String eventsQueue;
    private final Map<String, List<ReceivedEvent>> eventsByVideo = new HashMap<>();

    public WorkerBackend(String queuePrefix) {
        Endpoints endpoints = TestBackend.endpoints();
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey()));
        this.s3 = S3Client.builder().endpointOverride(endpoints.s3()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).forcePathStyle(true).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoints.sqs()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).build();
        this.processingQueue = queuePrefix + "-processing";
        this.eventsQueue = queuePrefix + "-events";
    }

    /** The worker's properties for this test's queues. */
    public Map<String, String> queueProperties() {
        return Map.of("framesmith.aws.queues.processing", processingQueue,
                "framesmith.aws.queues.events", eventsQueue);
    }

    public static String[] properties(String queuePrefix, String... more) {
        List<String> all = new ArrayList<>(List.of(
                "framesmith.aws.queues.processing=" + queuePrefix + "-processing",
                "framesmith.aws.queues.events=" + queuePrefix + "-events"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String processingQueue() {
        return processingQueue;
    }

    /** Uploads a video as the source of a new video of a new user and returns the job for it. */
    public ProcessVideo upload(Path video, ExtractionOptions options) {
        String userId = UUID.randomUUID().toString();
        String videoId = UUID.randomUUID().toString();
        String etag = s3.putObject(request -> request.bucket(BUCKET).key(StorageKeys.source(userId, videoId)),
                RequestBody.fromFile(video)).eTag();
        return ProcessVideo.of(videoId, userId, BUCKET, options, etag);
    }

    public void send(ProcessVideo job) {
        send(MessageCodec.encode(job), Map.of());
    }

    public void send(ProcessVideo job, String traceparent) {
        send(MessageCodec.encode(job), Map.of(Headers.TRACEPARENT, traceparent));
    }

    public void send(String body, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new HashMap<>();
        attributes.forEach((name, value) -> values.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        sqs.sendMessage(request -> request.queueUrl(url(processingQueue)).messageBody(body).messageAttributes(values));
    }

    /** Waits until the events of a video satisfy {@code done}, then returns all its events so far. */
    public List<ReceivedEvent> awaitEvents(String videoId, Predicate<List<ReceivedEvent>> done) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO).until(() -> {
            drainEvents();
            return done.test(events(videoId));
        });
        return events(videoId);
    }

    public List<ReceivedEvent> awaitTerminal(String videoId) {
        return awaitEvents(videoId, events -> events.stream().anyMatch(e -> e.event().type().terminal()));
    }

    /** Reads whatever is on the events queue now (waiting up to a second) without waiting for anything else. */
    public List<ReceivedEvent> events(String videoId) {
        synchronized (eventsByVideo) {
            return List.copyOf(eventsByVideo.getOrDefault(videoId, List.of()));
        }
    }

    public void drainEvents() {
        String url = url(eventsQueue);
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        for (Message message : messages) {
            VideoEvent event = MessageCodec.decode(message.body(), VideoEvent.class);
            Map<String, String> attributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            synchronized (eventsByVideo) {
                eventsByVideo.computeIfAbsent(event.videoId(), id -> new ArrayList<>())
                        .add(new ReceivedEvent(event, attributes));
            }
            sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
        }
    }

    /** Messages on the queue, visible or in flight. */
    public int messagesOn(String queue) {
        var attributes = sqs.getQueueAttributes(request -> request.queueUrl(url(queue)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    public String deadLetterQueue() {
        return Queues.deadLetter(processingQueue);
    }

    /** Receives (and deletes) up to ten messages from a queue, waiting up to {@code waitSeconds}. */
    public List<Message> receive(String queue, int waitSeconds) {
        String url = url(queue);
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        messages.forEach(message -> sqs.deleteMessage(request -> request.queueUrl(url)
                .receiptHandle(message.receiptHandle())));
        return messages;
    }

    /** Receives messages from a queue and makes them visible again at once, leaving them on the queue. */
    public List<Message> peek(String queue, int waitSeconds) {
        String url = url(queue);
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)).messages();
        messages.forEach(message -> sqs.changeMessageVisibility(request -> request.queueUrl(url)
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
        return messages;
    }

    /** Every object stored for a video's frames, the job's claim ({@link StorageKeys#jobClaim}) aside. */
    public List<S3Object> frameObjects(ProcessVideo job) {
        String prefix = "frames/" + job.userId() + "/" + job.videoId() + "/";
        String claim = StorageKeys.jobClaim(job.userId(), job.videoId());
        return s3.listObjectsV2(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                .filter(object -> !object.key().equals(claim))
                .toList();
    }

    public String url(String queue) {
        return sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
    }

    /** The types of the events, in the order received. */
    public static List<VideoEventType> types(List<ReceivedEvent> events) {
        return events.stream().map(received -> received.event().type()).toList();
    }

    public record ReceivedEvent(VideoEvent event, Map<String, String> attributes) {
    }
}
