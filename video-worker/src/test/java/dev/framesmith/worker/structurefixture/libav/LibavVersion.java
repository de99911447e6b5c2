package dev.framesmith.worker.structurefixture.libav;

import org.bytedeco.ffmpeg.global.avformat;

/** A fixture of {@code StructureRulesTest}: asks libav for its version, which loads libav* in the worker's JVM. */
class LibavVersion {

    int version() {
        return avformat.avformat_version();
    }
}
