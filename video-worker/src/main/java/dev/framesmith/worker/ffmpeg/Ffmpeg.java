package dev.framesmith.worker.ffmpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** The port to the FFmpeg binary: runs it through the {@link ProcessRunner}, within the job's limits. */
public class Ffmpeg {

    private final FfmpegBinary binary;
    private final ProcessRunner runner;

    public Ffmpeg(FfmpegBinary binary, ChildLimits limits, IntConsumer exitObserver) {
        this.binary = binary;
        this.runner = new ProcessRunner(limits, exitObserver);
    }

    public Ffmpeg(FfmpegBinary binary) {
        this(binary, ChildLimits.NONE, code -> { });
    }

    public FfmpegBinary binary() {
        return binary;
    }

    public ChildLimits limits() {
        return runner.limits();
    }

    /**
     * Runs FFmpeg to completion.
     *
     * @param args         arguments after the executable; {@code -nostdin} is added
     * @param timeout      hard deadline; the process tree is killed when it passes
     * @param cancellation killed and reported as {@link CancellationException} when cancelled
     * @param stdout       receives each line FFmpeg writes to standard output, or {@code null} to discard it
     * @throws FfmpegTimeoutException when the deadline passed
     * @throws CancellationException  when the job was cancelled or the thread interrupted
     */
    public FfmpegRun run(List<String> args, Duration timeout, Cancellation cancellation, Consumer<String> stdout) {
        List<String> command = new ArrayList<>(args.size() + 2);
        command.add(binary.executable().toString());
        command.add("-nostdin");
        command.addAll(args);
        return runner.run(command, timeout, cancellation, stdout);
    }
}
