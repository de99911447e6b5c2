package dev.framesmith.worker.messaging;

import java.time.Duration;

/** How long a job that failed for a passing reason stays invisible: doubling with each receive, up to a limit. */
record RetryBackoff(Duration first, Duration max) {

    Duration after(int receives) {
        Duration delay = first;
        for (int i = 1; i < receives && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
