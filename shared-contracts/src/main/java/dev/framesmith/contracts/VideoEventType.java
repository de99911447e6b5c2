package dev.framesmith.contracts;

/** What the worker reports about a job. COMPLETED and FAILED are terminal. */
public enum VideoEventType {
    STARTED,
    PROGRESS,
    COMPLETED,
    FAILED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED;
    }
}
