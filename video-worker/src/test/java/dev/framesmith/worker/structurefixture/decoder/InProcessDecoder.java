package dev.framesmith.worker.structurefixture.decoder;

import dev.framesmith.decoder.DecoderMain;

/** A fixture of {@code StructureRulesTest}: runs the frame decoder in the worker's JVM instead of its own. */
class InProcessDecoder {

    void decode(String... args) {
        DecoderMain.main(args);
    }
}
