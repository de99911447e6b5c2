package dev.framesmith.worker.extraction;

import java.time.Duration;

/**
 * Limits and choices of the extraction.
 *
 * @param maxDuration       longest video accepted
 * @param maxFrames         most frames one job may produce
 * @param probeTimeout      deadline of each probing FFmpeg run
 * @param extractionTimeout deadline of each extracting FFmpeg run
 * @param seek              when seeking beats decoding everything
 */
public record ExtractionSettings(
        Duration maxDuration,
        int maxFrames,
        Duration probeTimeout,
        Duration extractionTimeout,
        Seek seek) {

    /**
     * @param enabled          seeking may be chosen at all
     * @param minKeyframeRatio seek only when the sampling interval is at least this many keyframe intervals
     * @param minDuration      seek only for videos at least this long (for short ones decoding is cheap anyway)
     * @param scanWindow       how much of the video is scanned for keyframes
     */
    public record Seek(boolean enabled, double minKeyframeRatio, Duration minDuration, Duration scanWindow) {
    }
}
