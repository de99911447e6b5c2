package dev.framesmith.worker.extraction;

import java.util.function.Supplier;

/**
 * Told about the phases of a job as they run (probe, extract, zip here; download, preview and upload around it) and about
 * the source's picture size once it is known: the job times and traces them.
 */
public interface Phases {

    /** Nothing timed. */
    Phases NONE = new Phases() {
        @Override
        public <T> T time(Phase phase, Supplier<T> step) {
            return step.get();
        }

        @Override
        public void source(int width, int height) {
        }
    };

    /**
     * The phases, in their order in a job; {@code zip} (finishing the archive) runs inside {@code extract},
     * {@code preview} makes the contact sheet from the archive and stores it.
     */
    enum Phase {
        DOWNLOAD, PROBE, EXTRACT, ZIP, PREVIEW, UPLOAD
    }

    /** Runs one phase and returns what it returns, timing it whether it succeeds or throws. */
    <T> T time(Phase phase, Supplier<T> step);

    /** The source's picture size, known after the probe. */
    void source(int width, int height);
}
