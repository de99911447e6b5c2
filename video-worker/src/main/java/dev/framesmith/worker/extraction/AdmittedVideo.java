package dev.framesmith.worker.extraction;

/**
 * A video that passed the checks, with what the extraction needs to know about it.
 *
 * @param streamIndex     the picture stream to read
 * @param durationSeconds the container's duration
 * @param startSeconds    the container's first timestamp, where FFmpeg's time line starts
 * @param sourceFps       the stream's frame rate, {@code null} when unknown
 * @param frameCount      frames the requested rate yields over the duration
 */
record AdmittedVideo(int streamIndex, double durationSeconds, double startSeconds, Double sourceFps, int frameCount) {
}
