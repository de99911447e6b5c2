package dev.framesmith.worker.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the media processes of a job (FFmpeg, the frame decoder's JVM): with an argument list (never through a
 * shell), within the job's {@link ChildLimits}, draining standard error on a separate thread keeping its first lines
 * (what FFmpeg says of its input, which a long list of chapters or tags makes long) and its last ones (how it ended),
 * handing standard output lines to the caller, and killing the whole process tree when the deadline passes or the job
 * is cancelled.
 */
public class ProcessRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int KEPT_FIRST_STDERR_LINES = 1_000;
    private static final int KEPT_LAST_STDERR_LINES = 200;
    private static final long READER_JOIN_MILLIS = 5_000;

    private final ChildLimits limits;
    private final IntConsumer exitObserver;

    public ProcessRunner(ChildLimits limits, IntConsumer exitObserver) {
        this.limits = limits;
        this.exitObserver = exitObserver;
    }

    public ChildLimits limits() {
        return limits;
    }

    /**
     * Runs the command to completion.
     *
     * @param command      the executable and its arguments
     * @param timeout      hard deadline; the process tree is killed when it passes
     * @param cancellation killed and reported as {@link CancellationException} when cancelled
     * @param stdout       receives each line written to standard output, or {@code null} to discard it
     * @throws FfmpegTimeoutException when the deadline passed
     * @throws CancellationException  when the job was cancelled or the thread interrupted
     */
    public FfmpegRun run(List<String> command, Duration timeout, Cancellation cancellation, Consumer<String> stdout) {
        cancellation.check();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new FfmpegTimeoutException(timeout);
        }
        ProcessBuilder builder = new ProcessBuilder(limits.wrap(command))
                .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE);
        limits.configure(builder.environment());
        log.debug("Running {}", builder.command());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        cancellation.attach(process);
        closeQuietly(process);
        List<String> first = new ArrayList<>();
        Deque<String> last = new ArrayDeque<>();
        Thread stderrReader = reader("child-stderr-" + process.pid(), process.getErrorStream(), line -> {
            synchronized (last) {
                if (first.size() < KEPT_FIRST_STDERR_LINES) {
                    first.add(line);
                    return;
                }
                if (last.size() == KEPT_LAST_STDERR_LINES) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        });
        Thread stdoutReader = stdout == null ? null
                : reader("child-stdout-" + process.pid(), process.getInputStream(), stdout);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.killAndWait(process);
                exitObserver.accept(process.exitValue());
                throw new FfmpegTimeoutException(timeout);
            }
            join(stderrReader);
            join(stdoutReader);
        } catch (InterruptedException e) {
            ProcessTree.killAndWait(process);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while " + command.get(0) + " was running");
        } finally {
            if (process.isAlive()) {
                ProcessTree.killAndWait(process);
            }
            cancellation.detach(process);
        }
        int exitCode = process.exitValue();
        exitObserver.accept(exitCode);
        cancellation.check();
        synchronized (last) {
            first.addAll(last);
            return new FfmpegRun(exitCode, first);
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("Cannot close the child's standard input: {}", e.getMessage());
        }
    }

    private static Thread reader(String name, InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    try {
                        lines.accept(line);
                    } catch (RuntimeException e) {
                        log.warn("Child output handler failed", e);
                    }
                }
            } catch (IOException e) {
                log.debug("Child output stream closed: {}", e.getMessage());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread != null) {
            thread.join(READER_JOIN_MILLIS);
        }
    }
}
