package dev.framesmith.notify.templates;

import java.util.regex.Pattern;

/**
 * Cleans user-supplied text before it goes into an e-mail: no control characters (which could
 * break a header or fake a line), no bidirectional overrides (which can disguise a file name),
 * whitespace runs collapsed.
 */
public final class PlainText {

    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PlainText() {
    }

    /** The text on one line without control characters, or an empty string for {@code null}. */
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        return SPACES.matcher(UNSAFE.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** {@link #clean(String)}, shortened to at most {@code maxLength} characters with an ellipsis. */
    public static String clean(String value, int maxLength) {
        String cleaned = clean(value);
        if (cleaned.length() <= maxLength) {
            return cleaned;
        }
        int end = maxLength - 1;
        if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
            end--;
        }
        return cleaned.substring(0, end) + "…";
    }
}
