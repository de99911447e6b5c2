package dev.framesmith.local;

import java.util.Locale;

/** What {@link LocalSystem#control} does to one service. */
public enum ComponentAction {
    KILL,
    TERMINATE,
    STOP,
    START;

    /** The action named by a word ({@code kill}, {@code terminate}, {@code stop}, {@code start}). */
    public static ComponentAction of(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
