package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.decoder.DecoderProtocol;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.zip.FrameZip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves frames into the ZIP while they are being extracted: on a thread of its own (never interrupted, as an
 * interrupt would close the files it copies) it takes {@code frame_00001},
 * {@code frame_00002}, … from the frames directory as each appears whole (both methods write a frame under a
 * temporary name and rename it when complete), appends it to the archive and deletes it. The job's output budget
 * is enforced as they come, on the archive plus everything in the frames directory: frames written ahead of the next
 * one in line (the partial decoder's lanes each write their own runs of frames, so one lane may run ahead of the
 * other) and frames still being written count as much as the archive. Past the budget the extracting process is
 * stopped and the video fails with {@link FailureCode#OUTPUT_TOO_LARGE}.
 */
final class FrameCollector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrameCollector.class);
    private static final long POLL_MILLIS = 50;

    private final Path frames;
    private final String extension;
    private final FrameZip zip;
    private final long maxBytes;
    private final Cancellation.Child producer;
    private final Thread thread;
    private volatile boolean producing = true;
    private volatile boolean exceeded;
    private volatile RuntimeException failure;
    private int next = 1;

    /**
     * @param producer stopped when the budget is exceeded
     */
    FrameCollector(Path frames, String extension, Path zip, long maxBytes, Cancellation.Child producer) {
        this.frames = frames;
        this.extension = extension;
        this.zip = FrameZip.create(zip);
        this.maxBytes = maxBytes;
        this.producer = producer;
        this.thread = new Thread(this::collectWhileProducing, "frame-collector");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Called once the producer has ended: takes the frames still waiting and closes the archive.
     *
     * @return the number of frames in the archive and its size
     * @throws VideoRejectedException when the output budget was exceeded
     */
    long[] finish(ExtractionSettings.Budget budget) {
        stopThread();
        if (!exceeded && failure == null) {
            collect();
        }
        if (failure != null) {
            throw failure;
        }
        if (exceeded) {
            throw Admission.outputTooLarge("The frames took more than the budget", budget);
        }
        long bytes = zip.finish();
        return new long[] {zip.entries(), bytes};
    }

    /** Whether the producer was stopped because the output grew past the budget. */
    boolean exceeded() {
        return exceeded;
    }

    @Override
    public void close() {
        stopThread();
        zip.close();
    }

    private void stopThread() {
        producing = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collectWhileProducing() {
        try {
            while (producing && !exceeded) {
                collect();
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            producer.cancellation().cancel();
        }
    }

    /** Adds every whole frame that is next in line, once the archive and the frames waiting fit the budget. */
    private void collect() {
        long waiting = waitingBytes();
        if (zip.bytes() + waiting > maxBytes) {
            stop("The archive and the " + waiting + " bytes of frames waiting");
            return;
        }
        while (!exceeded) {
            Path frame = frames.resolve(DecoderProtocol.frameName(next, extension));
            long size;
            try {
                size = Files.size(frame);
            } catch (java.nio.file.NoSuchFileException e) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (zip.bytes() + size > maxBytes) {
                stop("Frame " + next);
                return;
            }
            zip.add(frame);
            try {
                Files.delete(frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            next++;
        }
    }

    private void stop(String what) {
        log.info("{} would take the output past {} bytes: stopping the extraction", what, maxBytes);
        exceeded = true;
        producer.cancellation().cancel();
    }

    /** The bytes of every file in the frames directory: whole frames not yet in line and frames being written. */
    private long waitingBytes() {
        try (Stream<Path> files = Files.list(frames)) {
            long bytes = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    bytes += Files.size(file);
                } catch (java.nio.file.NoSuchFileException e) {
                    // renamed or collected meanwhile: counted under its new name, or in the archive, next time
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
