package dev.framesmith.video.structurefixture.call;

import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;

/** A fixture of {@code StructureRulesTest}: puts a video back in the queue behind the catalogue's back. */
class Resetter {

    void reset(Video video) {
        video.setStatus(VideoStatus.WAITING);
    }
}
