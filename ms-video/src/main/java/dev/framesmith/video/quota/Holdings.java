package dev.framesmith.video.quota;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** How many of one kind of thing each user holds on this replica, at most {@code limit} each. */
public final class Holdings {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    Holdings(int limit) {
        this.limit = limit;
    }

    /** One more for the user, or empty when the user holds the limit already. */
    Optional<Hold> take(String userId) {
        AtomicBoolean taken = new AtomicBoolean();
        held.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            taken.set(true);
            return current + 1;
        });
        return taken.get() ? Optional.of(new Hold(userId)) : Optional.empty();
    }

    /** One thing held; closing it (once or more) gives it back. */
    public final class Hold implements AutoCloseable {

        private final String userId;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Hold(String userId) {
            this.userId = userId;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                held.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
