package dev.framesmith.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock shifted by an offset that a test moves forward: time keeps flowing, and a test that needs
 * "ten minutes later" advances it instead of waiting.
 */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset = offset.plus(duration);
    }

    /** Moves the clock back, to make something as it was made in the past (an expired token); undo with reset. */
    public void rewind(Duration duration) {
        offset = offset.minus(duration);
    }

    /** Back to the system's time, for the next test of a shared context. */
    public void reset() {
        offset = Duration.ZERO;
    }
}
