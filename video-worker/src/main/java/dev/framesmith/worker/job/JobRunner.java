package dev.framesmith.worker.job;

import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.support.tracing.Traces;
import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.extraction.Deadline;
import dev.framesmith.worker.extraction.ExtractionResult;
import dev.framesmith.worker.extraction.FrameExtraction;
import dev.framesmith.worker.extraction.Phases;
import dev.framesmith.worker.extraction.TempFiles;
import dev.framesmith.worker.extraction.VideoRejectedException;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.preview.ContactSheet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Runs one job: answers from an existing ZIP made with the same options, or downloads the source,
 * extracts and zips the frames, uploads their contact sheet and then the ZIP (so an existing ZIP says whether its
 * sheet was written) and reports COMPLETED; a video that cannot be
 * processed is reported FAILED, and so is one that runs past {@code job-timeout}, counted from the first receive of
 * its message (it would on every receive; a job retried after a passing error gets only what is left of it). Any
 * other error is thrown so that the message is retried. The job's directory is removed whatever happens.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final VideoStorage storage;
    private final VideoEvents events;
    private final FrameExtraction extraction;
    private final WorkDirectory workDirectory;
    private final WorkerMetrics metrics;
    private final Traces traces;
    private final Duration progressInterval;
    private final Duration jobTimeout;
    private final long minFreeBytes;
    private final Clock clock = Clock.systemUTC();

    public JobRunner(VideoStorage storage, VideoEvents events, FrameExtraction extraction, WorkDirectory workDirectory,
            WorkerMetrics metrics, WorkerProperties properties, Traces traces) {
        this.storage = storage;
        this.events = events;
        this.extraction = extraction;
        this.workDirectory = workDirectory;
        this.metrics = metrics;
        this.traces = traces;
        this.progressInterval = properties.progressInterval();
        this.jobTimeout = properties.jobTimeout();
        this.minFreeBytes = properties.limits().minFreeSpace().toBytes();
    }

    /**
     * @param job           the job, its keys already checked against {@code StorageKeys}; its ids and trace are
     *                      expected in the log context of the calling thread
     * @param firstReceived when the job's message was first received: the job's budget counts from then
     */
    public JobOutcome run(ProcessVideo job, Instant firstReceived, Cancellation cancellation) {
        Optional<StoredFrames> existing = storage.findFrames(job.bucket(), job.framesKey())
                .filter(frames -> frames.madeWith(job.options()));
        if (existing.isPresent()) {
            StoredFrames frames = existing.get();
            log.info("Frames already exist with the same options ({} frames): reporting them again",
                    frames.frameCount());
            events.publish(VideoEvent.completed(job.videoId(), job.userId(), frames.frameCount(), frames.zipBytes(),
                    frames.durationSeconds(), frames.previewBytes()));
            return JobOutcome.REUSED;
        }
        Deadline deadline = Deadline.after(jobTimeout, Duration.between(firstReceived, clock.instant()));
        if (deadline.passed()) {
            VideoRejectedException expired = deadline.expired();
            log.info("Video rejected: {} ({}) before this receive started it", expired.code(), expired.getMessage());
            events.publish(VideoEvent.failed(job.videoId(), job.userId(), expired.code().name(),
                    expired.getMessage()));
            return JobOutcome.FAILED;
        }
        events.publish(VideoEvent.started(job.videoId(), job.userId()));
        Path dir = workDirectory.newJobDirectory();
        JobPhases phases = new JobPhases(System::nanoTime, traces);
        try {
            Path source = dir.resolve("source");
            phases.run(Phases.Phase.DOWNLOAD, () -> storage.download(job.bucket(), job.sourceKey(), job.sourceEtag(),
                    source, minFreeBytes, cancellation));
            deadline.check();
            // Progress comes from FFmpeg's reader thread: it gets this thread's log context and span.
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            Executor inJobSpan = traces.inCurrentSpan();
            ProgressReporter progress = new ProgressReporter(percent -> inLogContext(logContext, () -> inJobSpan
                    .execute(() -> events.publish(VideoEvent.progress(job.videoId(), job.userId(), percent)))),
                    progressInterval, System::nanoTime);
            ExtractionResult result = extraction.extract(source, job.options(), dir, progress, cancellation,
                    deadline, phases);
            Files.deleteIfExists(source);
            cancellation.check();
            deadline.check();
            Long previewBytes = phases.time(Phases.Phase.PREVIEW, () -> preview(job, result, dir));
            cancellation.check();
            StoredFrames frames = new StoredFrames(job.options(), result.frameCount(), result.durationSeconds(),
                    result.zipBytes(), previewBytes);
            phases.run(Phases.Phase.UPLOAD, () -> storage.uploadFrames(job.bucket(), job.framesKey(), result.zip(),
                    frames, cancellation));
            // Stopped or revoked during the upload: a shutdown's next receive reports the stored ZIP again.
            cancellation.check();
            metrics.framesExtracted(result.frameCount(), result.method());
            events.publish(VideoEvent.completed(job.videoId(), job.userId(), result.frameCount(), result.zipBytes(),
                    result.durationSeconds(), previewBytes).withResolution(phases.resolution()));
            log.info("Completed: {} frames, ZIP {} bytes, contact sheet {} bytes, video {}s", result.frameCount(),
                    result.zipBytes(), previewBytes, result.durationSeconds());
            return JobOutcome.COMPLETED;
        } catch (VideoRejectedException e) {
            log.info("Video rejected: {} ({})", e.code(), e.getMessage());
            events.publish(VideoEvent.failed(job.videoId(), job.userId(), e.code().name(), e.getMessage())
                    .withResolution(phases.resolution()));
            return JobOutcome.FAILED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            phases.recordIn(metrics);
            TempFiles.deleteRecursively(dir);
        }
    }

    /** The contact sheet made from the archive and stored; its size, or {@code null} when none could be made. */
    private Long preview(ProcessVideo job, ExtractionResult result, Path dir) {
        Path sheet = dir.resolve("preview.jpg");
        Long bytes = ContactSheet.write(result.zip(), sheet).orElse(null);
        if (bytes != null) {
            storage.uploadPreview(job.bucket(), StorageKeys.preview(job.userId(), job.videoId()), sheet);
        }
        return bytes;
    }

    private static void inLogContext(Map<String, String> context, Runnable action) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.setContextMap(context == null ? Map.of() : context);
        try {
            action.run();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }
}
