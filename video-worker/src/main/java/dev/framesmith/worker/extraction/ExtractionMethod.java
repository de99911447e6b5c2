package dev.framesmith.worker.extraction;

/** How the frames are taken from the video. */
public enum ExtractionMethod {
    /** FFmpeg decodes every picture and its {@code fps} filter picks one per interval. */
    FILTER,
    /** The frame decoder decodes only from the keyframe before each sampled picture up to it. */
    PARTIAL_DECODE
}
