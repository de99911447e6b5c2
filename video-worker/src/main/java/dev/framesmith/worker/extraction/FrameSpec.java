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

    /** What one frame of a source picture is expected to take. */
    long estimatedBytes(int width, int height) {
        int[] size = FrameSize.of(width, height, maxWidth);
        return (long) Math.ceil((double) size[0] * size[1] * format.bytesPerPixel());
    }
}
