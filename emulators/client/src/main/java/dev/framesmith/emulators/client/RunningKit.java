package dev.framesmith.emulators.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A started emulator kit. Closing it stops the kit and everything it started. */
public final class RunningKit implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;
    private Endpoints endpoints;
    private boolean closed;

    private RunningKit(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, "emulator-kit-stop");
    }

    static RunningKit awaitReady(Process process, Path logFile, Duration timeout) {
        RunningKit kit = new RunningKit(process, logFile);
        Runtime.getRuntime().addShutdownHook(kit.shutdownHook);
        CompletableFuture<Endpoints> ready = kit.readOutput();
        try {
            kit.endpoints = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return kit;
        } catch (TimeoutException e) {
            kit.close();
            throw kit.failure("the emulator kit was not ready within " + timeout, null);
        } catch (ExecutionException e) {
            kit.close();
            throw kit.failure(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            kit.close();
            Thread.currentThread().interrupt();
            throw kit.failure("interrupted while the emulator kit was starting", e);
        }
    }

    /** Where the kit serves. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** The kit's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the kit's process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file receiving the kit's log. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the kit: closes its standard input, waits for it to stop, then kills what is left. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // this JVM is already shutting down and runs the hook itself
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the kit is gone already
        }
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private CompletableFuture<Endpoints> readOutput() {
        CompletableFuture<Endpoints> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith(EmulatorKit.READY_PREFIX)) {
                        ready.complete(Endpoints.fromReadyLine(
                                Json.parseFlatObject(line.substring(EmulatorKit.READY_PREFIX.length()).trim())));
                    }
                    Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException(
                    "the emulator kit exited before it was ready" + exitCode()));
        }, "emulator-kit-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private IllegalStateException failure(String message, Throwable cause) {
        return new IllegalStateException(message + "; log " + logFile + " ends with:\n" + logTail(), cause);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
