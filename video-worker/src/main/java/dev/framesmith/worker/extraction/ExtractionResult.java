package dev.framesmith.worker.extraction;

import java.nio.file.Path;

/**
 * The finished ZIP on local disk.
 *
 * @param zip             the archive, entries STORED and in time order
 * @param frameCount      number of frames in it
 * @param zipBytes        its size
 * @param durationSeconds the source's duration
 * @param method          how the frames were taken
 * @param decodeStats     what the partial decoder decoded; {@code null} for the filter method
 */
public record ExtractionResult(Path zip, int frameCount, long zipBytes, double durationSeconds, ExtractionMethod method,
        DecodeStats decodeStats) {
}
