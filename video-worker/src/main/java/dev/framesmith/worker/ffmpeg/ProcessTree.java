package dev.framesmith.worker.ffmpeg;

import java.util.concurrent.TimeUnit;

/** Kills a process and everything it started. */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static void killAndWait(Process process) {
        kill(process);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
