package dev.framesmith.local;

/** What {@link LocalSystem#control} does to one service. */
public enum ComponentAction {
    KILL,
    TERMINATE,
    STOP,
    START
}
