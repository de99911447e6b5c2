package dev.framesmith.support.messaging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Log-context entries for one piece of work (a message, a job), removed again on close:
 * {@code try (var log = LogContext.open().put("videoId", id)) { ... }}. Blank values are left out.
 */
public final class LogContext implements AutoCloseable {

    private final List<String> keys = new ArrayList<>();

    private LogContext() {
    }

    public static LogContext open() {
        return new LogContext();
    }

    public LogContext put(String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            MDC.put(key, value.toString());
            keys.add(key);
        }
        return this;
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
