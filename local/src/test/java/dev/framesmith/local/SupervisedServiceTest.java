package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The restart back-off of a crashed service, as Kubernetes applies it to a crashing container. */
class SupervisedServiceTest {

    @Test
    void thePauseBeforeARestartDoublesWithEachExitInARowUpToThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(SupervisedService::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }
}
