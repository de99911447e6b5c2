package dev.framesmith.worker.extraction;

/**
 * A video that passed the checks, with what the extraction needs to know about it.
 *
 * @param streamIndex     the picture stream to read
 * @param durationSeconds the container's duration
 * @param startSeconds    the container's first timestamp, where FFmpeg's time line starts
 * @param width           picture width in pixels
 * @param height          picture height in pixels
 * @param sourceFps       the stream's frame rate, {@code null} when unknown
 * @param frameCount      frames the requested rate yields over the duration
 * @param output          the frames' format and size
 * @param estimatedBytes  what the frames are expected to take on disk
 */
record AdmittedVideo(int streamIndex, double durationSeconds, double startSeconds, int width, int height,
        Double sourceFps, int frameCount, FrameSpec output, long estimatedBytes) {
}
