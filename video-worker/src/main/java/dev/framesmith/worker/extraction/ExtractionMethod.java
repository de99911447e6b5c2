package dev.framesmith.worker.extraction;

/** How the frames are taken from the video. */
public enum ExtractionMethod {
    /** Decode every picture and let the {@code fps} filter pick one per interval. */
    FILTER,
    /** Seek to each sampling time and decode only from the keyframe before it. */
    SEEK
}
