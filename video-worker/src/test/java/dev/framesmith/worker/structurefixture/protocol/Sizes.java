package dev.framesmith.worker.structurefixture.protocol;

import dev.framesmith.decoder.FrameSize;

/** A fixture of {@code StructureRulesTest}: uses the decoder's frame size rule, plain Java, as the worker may. */
class Sizes {

    int[] of(int width, int height, int maxWidth) {
        return FrameSize.of(width, height, maxWidth);
    }
}
