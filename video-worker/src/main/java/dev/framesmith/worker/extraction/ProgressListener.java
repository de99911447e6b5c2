package dev.framesmith.worker.extraction;

/** Told how far the extraction has got, from 0 to 1; may be called often and from FFmpeg's reader thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = fraction -> { };

    void progress(double fraction);
}
