package dev.framesmith.video.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of {@code GET /videos}: where the next page starts, as URL-safe base64. The user
 * is never part of it: a cursor only ever pages through the caller's own list.
 */
record ListCursor(VideoStore.PageKey after) {

    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    String encode() {
        String text = after.id() + "|" + Timestamps.format(after.createdAt());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the cursor, or {@code null} for a blank one
     * @throws IllegalArgumentException when it is not a cursor this API gave out
     */
    static ListCursor decode(String cursor) {
        if (cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            String id = text.substring(0, bar);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("bad id");
            }
            return new ListCursor(new VideoStore.PageKey(id, Instant.parse(text.substring(bar + 1))));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor returned by this API", e);
        }
    }
}
