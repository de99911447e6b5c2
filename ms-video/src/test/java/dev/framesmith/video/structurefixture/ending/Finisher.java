package dev.framesmith.video.structurefixture.ending;

import dev.framesmith.video.catalog.Transition;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStore;

/** A fixture of {@code StructureRulesTest}: marks a video DONE itself, so nothing frees its slot. */
class Finisher {

    void finish(VideoStore store, Video video) {
        store.apply(video, Transition.complete(1, 1, 1.0, null));
    }
}
