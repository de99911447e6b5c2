package dev.framesmith.video.quota;

import dev.framesmith.support.web.ProblemException;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.config.VideoProperties;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What one user may hold at once ({@code framesmith.video.quotas.*}), so that no account can exhaust what every
 * user shares: upload threads and buffers, event-stream pollers, and the WAITING videos every replica reads. Each
 * cap reached is a 429 problem with {@code Retry-After}.
 */
@Component
public class UserQuotas {

    static final String TOO_MANY_UPLOADS = "too-many-uploads";
    static final String TOO_MANY_WAITING = "too-many-waiting-videos";
    static final String TOO_MANY_STREAMS = "too-many-event-streams";
    static final Duration UPLOAD_RETRY = Duration.ofSeconds(30);
    static final Duration WAITING_RETRY = Duration.ofMinutes(1);
    static final Duration STREAM_RETRY = Duration.ofSeconds(30);

    private final VideoStore store;
    private final VideoProperties.Quotas quotas;
    private final Holdings streamedUploads;
    private final Holdings eventStreams;
    private final OpenUploads openUploads;

    UserQuotas(VideoStore store, VideoProperties properties, DynamoDbClient dynamo) {
        this.store = store;
        this.openUploads = new OpenUploads(dynamo, store);
        this.quotas = properties.quotas();
        this.streamedUploads = new Holdings(quotas.concurrentUploads());
        this.eventStreams = new Holdings(quotas.eventStreams());
    }

    /** Holds one of the user's concurrent streamed uploads on this replica until closed. */
    public Holdings.Hold streamedUpload(String userId) {
        return streamedUploads.take(userId).orElseThrow(() -> ProblemException.retryLater(
                HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_UPLOADS, "Too many uploads at once",
                "You have " + quotas.concurrentUploads() + " uploads in progress. Try again in %d seconds, or"
                        + " send several files in one request.", UPLOAD_RETRY));
    }

    /**
     * Refuses a new direct upload while the user has as many started and not completed, as far as the pending index
     * tells: a quick look before anything is written; {@link #holdDirectUpload} is the exact count.
     */
    public void checkDirectUploads(String userId) {
        if (store.countPending(userId, VideoStatus.UPLOADING, quotas.concurrentUploads())
                >= quotas.concurrentUploads()) {
            throw tooManyDirectUploads();
        }
    }

    /**
     * Counts the user's new UPLOADING video, already written, among its open direct uploads, or refuses it when
     * as many others are open (starts sent in parallel): the caller then removes it.
     */
    public void holdDirectUpload(String userId, String videoId) {
        if (!openUploads.take(userId, videoId, quotas.concurrentUploads())) {
            throw tooManyDirectUploads();
        }
    }

    /** The direct upload was completed: it no longer counts among the user's open ones. */
    public void directUploadCompleted(String userId, String videoId) {
        openUploads.release(userId, videoId);
    }

    private ProblemException tooManyDirectUploads() {
        return ProblemException.retryLater(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_UPLOADS, "Too many uploads at once",
                "You have " + quotas.concurrentUploads() + " uploads started and not completed. Complete or delete"
                        + " one, or try again in %d seconds.", UPLOAD_RETRY);
    }

    /** Refuses {@code adding} more videos when the user's WAITING videos would then exceed the cap. */
    public void checkWaiting(String userId, int adding) {
        long waiting = store.countPending(userId, VideoStatus.WAITING, quotas.waitingVideos());
        if (waiting + adding > quotas.waitingVideos()) {
            throw ProblemException.retryLater(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_WAITING,
                    "Too many videos waiting", "At most " + quotas.waitingVideos() + " of your videos may wait for"
                            + " processing; " + waiting + " are waiting. Try again in %d seconds.", WAITING_RETRY)
                    .with("waitingVideos", waiting)
                    .with("maxWaitingVideos", quotas.waitingVideos());
        }
    }

    /** Holds one of the user's event streams on this replica until closed. */
    public Holdings.Hold eventStream(String userId) {
        return eventStreams.take(userId).orElseThrow(() -> ProblemException.retryLater(
                HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_STREAMS, "Too many event streams",
                "You have " + quotas.eventStreams() + " event streams open. Close one (a page in another tab), or"
                        + " try again in %d seconds.", STREAM_RETRY));
    }
}
