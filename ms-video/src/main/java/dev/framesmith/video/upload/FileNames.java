package dev.framesmith.video.upload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A user's file name is only ever data: never part of a key or a path. For display it loses control and
 * bidirectional-override characters and is capped; the original goes, URL-encoded, into the object's metadata.
 */
final class FileNames {

    /** Longest name shown back, in code points. */
    static final int MAX_DISPLAY = 255;
    /** Longest URL-encoded original kept in S3 metadata (S3 allows 2 KB of user metadata in all). */
    static final int MAX_METADATA = 1024;
    static final String FALLBACK = "video";

    private FileNames() {
    }

    static String display(String original) {
        if (original == null) {
            return FALLBACK;
        }
        StringBuilder clean = new StringBuilder();
        original.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && !isFormatting(cp))
                .limit(MAX_DISPLAY)
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        return result.isEmpty() ? FALLBACK : result;
    }

    /** The original name, URL-encoded and cut (between characters) to fit the metadata budget. */
    static String metadata(String original) {
        if (original == null) {
            return "";
        }
        String encoded = URLEncoder.encode(original, StandardCharsets.UTF_8);
        if (encoded.length() <= MAX_METADATA) {
            return encoded;
        }
        StringBuilder kept = new StringBuilder();
        int length = 0;
        for (int cp : original.codePoints().toArray()) {
            String piece = URLEncoder.encode(new String(Character.toChars(cp)), StandardCharsets.UTF_8);
            if (length + piece.length() > MAX_METADATA) {
                break;
            }
            kept.append(piece);
            length += piece.length();
        }
        return kept.toString();
    }

    /** Bidirectional overrides and isolates, zero-width and other invisible formatting characters. */
    private static boolean isFormatting(int cp) {
        return Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.LINE_SEPARATOR
                || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR;
    }
}
