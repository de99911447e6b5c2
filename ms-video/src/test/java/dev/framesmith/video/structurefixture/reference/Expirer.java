package dev.framesmith.video.structurefixture.reference;

import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.catalog.VideoStatus;
import java.util.List;
import java.util.function.BiConsumer;

/** A fixture of {@code StructureRulesTest}: expires videos through a method reference to a setter, calling none. */
class Expirer {

    void expire(List<Video> videos) {
        BiConsumer<Video, VideoStatus> setStatus = Video::setStatus;
        videos.forEach(video -> setStatus.accept(video, VideoStatus.EXPIRED));
    }
}
