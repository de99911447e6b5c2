package dev.framesmith.video.catalog;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Where each WAITING video stands in its owner's queue: 1 runs next. The owner's waiting videos run oldest first
 * (dispatch takes {@link VideoStore#waitingOldestFirst}), so the position is the rank in that order, read only as far
 * as the videos asked about.
 */
@Component
class QueuePositions {

    private final VideoStore store;

    QueuePositions(VideoStore store) {
        this.store = store;
    }

    /** The position of every WAITING video among {@code videos} (all the user's), by id. */
    Map<String, Integer> of(String userId, List<Video> videos) {
        Set<String> waiting = videos.stream().filter(video -> video.getStatus() == VideoStatus.WAITING)
                .map(Video::getId).collect(Collectors.toSet());
        Map<String, Integer> positions = new HashMap<>();
        if (waiting.isEmpty()) {
            return positions;
        }
        Iterator<Video> queue = store.waitingOldestFirst(userId).iterator();
        for (int position = 1; queue.hasNext() && positions.size() < waiting.size(); position++) {
            String id = queue.next().getId();
            if (waiting.contains(id)) {
                positions.put(id, position);
            }
        }
        return positions;
    }

    VideoView view(Video video) {
        return VideoView.of(video, of(video.getUserId(), List.of(video)).get(video.getId()));
    }
}
