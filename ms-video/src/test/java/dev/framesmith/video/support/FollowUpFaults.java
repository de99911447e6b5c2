package dev.framesmith.video.support;

import dev.framesmith.video.catalog.VideoFinished;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Breaks what follows a video's end once, for the videos a test names: the first {@link VideoFinished} of such a video
 * throws before the e-mail is asked for (as a crash or an SQS error there would), later ones pass.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FollowUpFaults {

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    public void failOnce(String videoId) {
        failOnce.add(videoId);
    }

    @EventListener
    @Order(1)
    void on(VideoFinished finished) {
        if (failOnce.remove(finished.video().getId())) {
            throw new IllegalStateException("injected failure after the terminal write of video "
                    + finished.video().getId());
        }
    }
}
