package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.decoder.FrameSize;

/**
 * How each frame is written.
 *
 * @param format   JPEG or PNG
 * @param maxWidth widest frame; narrower sources keep their width
 */
record FrameSpec(ImageFormat format, int maxWidth) {

    /** Bytes per output pixel a typical frame takes: JPEG at quality 2, PNG of camera pictures. */
    private static final double JPEG_BYTES_PER_PIXEL = 0.2;
    private static final double PNG_BYTES_PER_PIXEL = 1.5;

    /** What one frame of a source picture is expected to take. */
    long estimatedBytes(int width, int height) {
        int[] size = FrameSize.of(width, height, maxWidth);
        double perPixel = format == ImageFormat.PNG ? PNG_BYTES_PER_PIXEL : JPEG_BYTES_PER_PIXEL;
        return (long) Math.ceil((double) size[0] * size[1] * perPixel);
    }
}
