package dev.framesmith.video.upload;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.web.ProblemException;
import dev.framesmith.support.web.Problems;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import dev.framesmith.video.catalog.VideoStore;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.dispatch.FairDispatcher;
import dev.framesmith.video.quota.UserQuotas;
import dev.framesmith.video.storage.VideoObjects;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code POST /videos}: reads the multipart body as a stream (Spring's multipart handling is off, nothing is
 * buffered on disk), sends each {@code files} part straight to S3, then records the videos and dispatches them.
 * All or nothing: when any part is refused, every file stored so far is removed and no video is recorded.
 */
@Component
class StreamedUploads {

    static final String FILES = "files";
    private static final Logger log = LoggerFactory.getLogger(StreamedUploads.class);
    private static final int MAX_FIELD_BYTES = 256;
    /** Room for a long file name (a kilobyte of multi-byte characters) in a part's headers. */
    private static final int MAX_PART_HEADER_BYTES = 16 * 1024;

    private final ObjectStreamer streamer;
    private final VideoObjects objects;
    private final VideoStore store;
    private final FairDispatcher dispatcher;
    private final VideoProperties properties;
    private final UserQuotas quotas;
    private final UploadMetrics metrics;

    StreamedUploads(ObjectStreamer streamer, VideoObjects objects, VideoStore store, FairDispatcher dispatcher,
            VideoProperties properties, UserQuotas quotas, UploadMetrics metrics) {
        this.streamer = streamer;
        this.quotas = quotas;
        this.objects = objects;
        this.store = store;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** A file received and stored, not yet recorded. */
    private record Received(String videoId, String filename, ObjectStreamer.Stored object) {
    }

    List<Video> receive(HttpServletRequest request, CurrentUser user) {
        quotas.checkWaiting(user.userId(), 1);
        try (var held = quotas.streamedUpload(user.userId())) {
            return receiveAll(request, user);
        }
    }

    private List<Video> receiveAll(HttpServletRequest request, CurrentUser user) {
        List<Received> received = new ArrayList<>();
        boolean recorded = false;
        try {
            // every byte of the body counts towards the minimum rate, not only the files' content
            MinimumRate in = new MinimumRate(request.getInputStream(), properties.minUploadRate(),
                    properties.uploadRateWindow(), properties.streamMaxDuration(), System::nanoTime);
            MultipartReader body = new MultipartReader(in, MultipartReader.boundary(request.getContentType()),
                    MAX_PART_HEADER_BYTES);
            UploadOptions options = new UploadOptions();
            for (MultipartReader.Part part = body.next(); part != null; part = body.next()) {
                String field = part.name();
                if (FILES.equals(field)) {
                    if (options.hasErrors()) {
                        break;
                    }
                    if (received.size() == properties.maxFilesPerRequest()) {
                        throw ProblemException.invalid(FILES, "at most " + properties.maxFilesPerRequest()
                                + " files per request");
                    }
                    received.add(receive(part, in, user.userId()));
                } else if (UploadOptions.isOption(field)) {
                    options.set(field, text(part.content()));
                }
            }
            ExtractionOptions extraction = options.build();
            if (received.isEmpty()) {
                throw ProblemException.invalid(FILES, "at least one video file is required");
            }
            quotas.checkWaiting(user.userId(), received.size());
            List<Video> videos = record(received, user, extraction);
            recorded = true;
            received.forEach(file -> metrics.accepted(UploadMetrics.STREAM, file.object().size()));
            return dispatch(videos);
        } catch (IOException e) {
            log.info("Multipart body unreadable: {}", e.toString());
            throw new ProblemException(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, "Malformed request",
                    "The multipart body could not be read to its end.");
        } finally {
            if (!recorded) {
                discard(received);
            }
        }
    }

    private Received receive(MultipartReader.Part part, MinimumRate rate, String userId) throws IOException {
        String videoId = UUID.randomUUID().toString();
        String original = part.filename();
        String filename = FileNames.display(original);
        rate.reading(filename);
        try (var context = LogContext.open().put("videoId", videoId)) {
            ObjectStreamer.Stored stored = streamer.store(StorageKeys.source(userId, videoId), filename, original,
                    part.content());
            log.info("Received {} bytes for video {}", stored.size(), videoId);
            return new Received(videoId, filename, stored);
        } finally {
            rate.reading(null);
        }
    }

    private List<Video> record(List<Received> received, CurrentUser user, ExtractionOptions options) {
        List<Video> videos = new ArrayList<>();
        try {
            for (Received file : received) {
                Video video = Video.streamed(file.videoId(), user, file.filename(), file.object().size(),
                        file.object().etag(), file.object().container().mimeType(), options);
                store.create(video);
                videos.add(video);
            }
            return videos;
        } catch (RuntimeException e) {
            // Every received file's record, also one the failed write may have made before its answer was lost.
            for (Received file : received) {
                try {
                    store.deleteIf(file.videoId(), VideoStatus.UPLOADED);
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    /** Each video as it is after its dispatch (still UPLOADED where that failed: the sweeper retries it). */
    private List<Video> dispatch(List<Video> videos) {
        List<Video> dispatched = new ArrayList<>(videos.size());
        for (Video video : videos) {
            try (var context = LogContext.open().put("videoId", video.getId())) {
                dispatched.add(dispatcher.dispatchUploaded(video));
            } catch (RuntimeException e) {
                log.warn("Dispatch of video {} failed; the sweeper retries it", video.getId(), e);
                dispatched.add(video);
            }
        }
        return dispatched;
    }

    private void discard(List<Received> received) {
        for (Received file : received) {
            try {
                objects.delete(file.object().key());
            } catch (RuntimeException e) {
                log.warn("Removing {} after a refused upload failed", file.object().key(), e);
            }
        }
    }

    private static String text(InputStream part) throws IOException {
        try (InputStream in = part) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            return bytes.length > MAX_FIELD_BYTES ? "invalid: too long" : new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
