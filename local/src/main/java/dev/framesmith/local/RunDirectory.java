package dev.framesmith.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local run's directory: {@code data/} (what the emulated services store), {@code logs/} (one file per
 * process), {@code jars/} (copies of the service jars in use), a lock held while a run is alive, and the ids of the
 * processes it started, so that a run killed without a chance to clean up has its leftovers stopped by the next
 * one.
 */
final class RunDirectory implements AutoCloseable {

    private static final String LOCK = "run.lock";
    private static final String PIDS = "run.pids";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<String> children = new ArrayList<>();

    private RunDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory for this run.
     *
     * @param wipe delete {@code data/} first
     * @throws IllegalStateException when another run holds it
     */
    static RunDirectory open(Path root, boolean wipe) {
        try {
            Files.createDirectories(root);
            FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another local run is using " + root
                        + ": stop it first (Ctrl-C in its terminal), or pass --data-dir");
            }
            RunDirectory directory = new RunDirectory(root, channel, lock);
            directory.stopLeftovers();
            if (wipe) {
                deleteRecursively(directory.data());
            }
            Files.createDirectories(directory.data());
            Files.createDirectories(directory.logs());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + root + ": " + e.getMessage(), e);
        }
    }

    Path data() {
        return root.resolve("data");
    }

    Path logs() {
        return root.resolve("logs");
    }

    /** Copies of the service jars the running services use. */
    Path jars() {
        return root.resolve("jars");
    }

    /** The worker's scratch space (its job directories), where a look shows what a job left behind. */
    Path workerScratch() {
        return root.resolve("worker");
    }

    /** Remembers a started process, so that a later run can stop it if this one dies without cleaning up. */
    synchronized void recordChild(String name, ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        children.add(process.pid() + "\t" + started + "\t" + name);
        try {
            Files.write(root.resolve(PIDS), children, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            Files.deleteIfExists(root.resolve(PIDS));
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops processes recorded by an earlier run that is gone (its lock was free), if they still run. */
    private void stopLeftovers() throws IOException {
        Path pids = root.resolve(PIDS);
        if (!Files.isRegularFile(pids)) {
            return;
        }
        for (String line : Files.readAllLines(pids, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", 3);
            if (fields.length < 3) {
                continue;
            }
            leftover(fields[0], fields[1]).ifPresent(process -> {
                System.out.println("Stopping " + fields[2] + " (pid " + process.pid() + ") left by an earlier run");
                Processes.stopTree(process, Duration.ofSeconds(10));
            });
        }
        Files.delete(pids);
    }

    private static Optional<ProcessHandle> leftover(String pid, String started) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant().map(Instant::toString)
                            .map(started::equals).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
