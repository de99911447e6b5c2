package dev.framesmith.worker;

import dev.framesmith.testsupport.Structure;
import java.util.Map;
import java.util.Set;

/** video-worker's feature packages and what each may use: FFmpeg at the bottom, the queue at the top. */
class StructureTest extends Structure {

    StructureTest() {
        super("dev.framesmith.worker", Map.of(
                "config", Set.of("extraction", "ffmpeg"),
                "extraction", Set.of("ffmpeg", "probe", "zip"),
                "ffmpeg", Set.of(),
                "job", Set.of("config", "extraction", "ffmpeg"),
                "messaging", Set.of("config", "ffmpeg", "job"),
                "probe", Set.of("ffmpeg"),
                "zip", Set.of()));
    }
}
