package dev.framesmith.video.catalog;

import dev.framesmith.support.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of {@code GET /videos}: where the next page starts, as URL-safe base64. The user
 * is never part of it: a cursor only ever pages through the caller's own list.
 */
final class ListCursor {

    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private ListCursor() {
    }

    static String encode(VideoStore.PageKey key) {
        String text = key.id() + "|" + Timestamps.format(key.createdAt());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static VideoStore.PageKey decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            String id = text.substring(0, bar);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("bad id");
            }
            return new VideoStore.PageKey(id, Instant.parse(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
