package dev.framesmith.worker.extraction;

import java.time.Duration;

/**
 * Limits and choices of the extraction.
 *
 * @param maxDuration   longest video accepted
 * @param maxFrames     most frames one job may produce
 * @param probeTimeout  deadline of each probing FFmpeg run
 * @param budget        what one job may cost
 * @param width         how wide the frames are when the user does not say, and at most
 * @param partialDecode when the frames are taken by decoding only what they need
 */
public record ExtractionSettings(
        Duration maxDuration,
        int maxFrames,
        Duration probeTimeout,
        Budget budget,
        FrameWidth width,
        PartialDecode partialDecode) {

    /**
     * @param maxFramePixels largest picture (width x height) accepted; also the decoders' {@code max_pixels}
     * @param maxPixelRate   most pixels per second of video (width x height x frame rate): the decoding cost
     * @param maxOutputBytes most bytes of frames and ZIP one job may write
     * @param minFreeBytes   free space the work directory must keep beyond what a job is expected to write
     * @param threads        decoding threads of each FFmpeg or decoder process
     */
    public record Budget(long maxFramePixels, long maxPixelRate, long maxOutputBytes, long minFreeBytes,
            int threads) {
    }

    /**
     * @param defaultWidth frames wider than this are scaled down when the user gives no width
     * @param maxWidth     frames are never wider than this, whatever the user asks for
     */
    public record FrameWidth(int defaultWidth, int maxWidth) {

        /** The widest frame for a requested width ({@code null}: none requested). */
        public int effective(Integer requested) {
            return Math.min(requested == null ? defaultWidth : requested, maxWidth);
        }
    }

    /**
     * @param enabled     the partial decoder may be used at all
     * @param minDuration shorter videos are decoded whole (starting the decoder costs about as much as they do)
     */
    public record PartialDecode(boolean enabled, Duration minDuration) {
    }
}
