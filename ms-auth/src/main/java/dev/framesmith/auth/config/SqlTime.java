package dev.framesmith.auth.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** An instant as a {@code TIMESTAMPTZ} parameter (the JDBC driver takes {@link OffsetDateTime}, not {@link Instant}). */
public final class SqlTime {

    private SqlTime() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
