package dev.framesmith.local.e2e;

import dev.framesmith.contracts.Queues;
import dev.framesmith.emulators.client.Endpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The running system seen from outside its services, as an operator would look: the queues and their dead-letter
 * queues, ms-video's slot records in its table, the stored objects, the worker's scratch space and the processes.
 */
final class Outside implements AutoCloseable {

    /** ms-video's table and bucket (their local names, the defaults of {@code framesmith.aws.*}). */
    static final String TABLE = "framesmith-videos";
    static final String BUCKET = "framesmith-videos";

    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final Path workerScratch;

    Outside(Endpoints aws, Path workerScratch) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKey(),
                aws.secretKey()));
        this.sqs = SqsClient.builder().endpointOverride(aws.sqs()).region(Region.of(aws.region()))
                .credentialsProvider(credentials).build();
        this.dynamo = DynamoDbClient.builder().endpointOverride(aws.dynamodb()).region(Region.of(aws.region()))
                .credentialsProvider(credentials).build();
        this.s3 = S3Client.builder().endpointOverride(aws.s3()).region(Region.of(aws.region()))
                .forcePathStyle(true).credentialsProvider(credentials).build();
        this.workerScratch = workerScratch;
    }

    static Outside of() {
        return new Outside(RunningSystem.system().aws(), RunningSystem.system().workerScratch());
    }

    /** The queues of the system: jobs, worker events, e-mail requests, SES's bounces and complaints. */
    static List<String> queues() {
        return Queues.ALL;
    }

    /** Messages in each queue's dead-letter queue, by queue. */
    Map<String, Integer> deadLetters() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        queues().forEach(queue -> counts.put(queue, pending(Queues.deadLetter(queue))));
        return counts;
    }

    void send(String queue, String body) {
        sqs.sendMessage(request -> request.queueUrl(url(queue)).messageBody(body));
    }

    /** Messages a consumer could receive now. */
    int visible(String queue) {
        return count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    /** Messages on the queue: visible, or received and not yet deleted. */
    int pending(String queue) {
        return visible(queue) + count(queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private int count(String queue, QueueAttributeName attribute) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url(queue))
                .attributeNames(attribute)).attributes();
        return Integer.parseInt(attributes.get(attribute));
    }

    private String url(String queue) {
        return sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
    }

    /**
     * The videos holding one of the user's processing slots or counted among the user's jobs not started, read from
     * ms-video's slot record ({@code slots#} and the user id, its string sets {@code inFlight} and {@code queued})
     * with a consistent read.
     */
    Set<String> slotHolders(String userId) {
        var item = dynamo.getItem(request -> request.tableName(TABLE)
                .key(Map.of("id", AttributeValue.fromS("slots#" + userId))).consistentRead(true));
        return Stream.of("inFlight", "queued")
                .map(set -> item.hasItem() ? item.item().get(set) : null)
                .filter(ids -> ids != null && ids.hasSs())
                .flatMap(ids -> ids.ss().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the bucket holds an object under the key. */
    boolean stored(String key) {
        try {
            s3.headObject(request -> request.bucket(BUCKET).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The keys of the objects under a user's {@code raw/} prefix: the sources of the user's videos. */
    List<String> sourcesOf(String userId) {
        return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix("raw/" + userId + "/")).contents()
                .stream().map(S3Object::key).toList();
    }

    /**
     * The keys of the multipart uploads still open under the user's prefixes ({@code raw/}: streamed and direct
     * uploads; {@code frames/}: the worker's ZIPs), as {@code key uploadId}.
     */
    List<String> openUploadsOf(String userId) {
        return Stream.of("raw/", "frames/").flatMap(prefix -> s3.listMultipartUploadsPaginator(request -> request
                        .bucket(BUCKET).prefix(prefix + userId + "/")).uploads().stream())
                .map(upload -> upload.key() + " " + upload.uploadId()).toList();
    }

    /**
     * What the worker left in its scratch space: everything there but its cache of native libraries
     * ({@code decoder-cache}), its instances' directories and their lock files. A job directory, a frame, a ZIP or a
     * stray temporary file anywhere counts.
     */
    List<Path> leftovers() {
        if (!Files.isDirectory(workerScratch)) {
            return List.of();
        }
        Path cache = workerScratch.resolve("decoder-cache");
        List<Path> left = new ArrayList<>();
        try {
            Files.walkFileTree(workerScratch, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (directory.equals(cache)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    boolean instance = workerScratch.equals(directory.getParent())
                            && directory.getFileName().toString().startsWith("instance-");
                    if (!directory.equals(workerScratch) && !instance) {
                        left.add(directory);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    boolean lock = file.getFileName().toString().equals(".lock")
                            && workerScratch.equals(file.getParent().getParent());
                    if (!lock) {
                        left.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Removed while listed (a job ending): gone is not left.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return left;
    }

    /** FFmpeg and frame-decoder processes on this machine whose command names the worker's scratch space. */
    List<ProcessHandle> extractionProcesses() {
        String scratch = workerScratch.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(scratch)).orElse(false))
                .filter(process -> process.info().commandLine().map(line -> !line.contains("-jar")).orElse(false))
                .toList();
    }

    @Override
    public void close() {
        sqs.close();
        dynamo.close();
        s3.close();
    }
}
