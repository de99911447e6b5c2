package dev.framesmith.decoder;

/**
 * The size of a written frame: width capped at a maximum, height following the aspect ratio, both even; what
 * FFmpeg's {@code scale=w=trunc(min(iw,maxWidth)/2)*2:h=-2} gives, so that both extraction methods agree.
 */
public final class FrameSize {

    private FrameSize() {
    }

    /** {@code {width, height}} of the frame for a source picture; {@code maxWidth} 0 keeps the source size (made even). */
    public static int[] of(int width, int height, int maxWidth) {
        if (maxWidth <= 0) {
            return new int[] {width & ~1, height & ~1};
        }
        int w = Math.min(width, maxWidth) & ~1;
        // scale's h=-2: the height for the aspect ratio, rounded to the nearest even number
        long h = Math.floorDiv(2L * w * height + 2L * width, 4L * width) * 2;
        return new int[] {w, (int) Math.max(2, h)};
    }
}
