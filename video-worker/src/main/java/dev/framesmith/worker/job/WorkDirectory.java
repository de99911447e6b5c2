package dev.framesmith.worker.job;

import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.extraction.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The worker's scratch space: one directory per worker instance, holding a lock while the instance
 * lives, with one directory per job inside. Jobs remove their own directory; an instance removes
 * its directory when it stops, and on start removes those left by instances that died.
 */
@Component
public class WorkDirectory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkDirectory.class);
    private static final String INSTANCE_PREFIX = "instance-";
    private static final String LOCK = ".lock";
    private static final Duration STARTING = Duration.ofMinutes(1);
    /** Instances of this JVM: their locks are not probed, as closing a probe would drop the OS lock. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final Path instance;
    private final FileChannel lockChannel;
    private final FileLock lock;

    public WorkDirectory(WorkerProperties properties) {
        this.root = properties.workRoot();
        try {
            Files.createDirectories(root);
            removeAbandoned();
            this.instance = Files.createTempDirectory(root, INSTANCE_PREFIX);
            this.lockChannel = FileChannel.open(instance.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            this.lock = lockChannel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work directory under " + root, e);
        }
        LIVE.add(instance);
        log.info("Work directory {}", instance);
    }

    /** A new, empty directory for one job; the job deletes it. */
    public Path newJobDirectory() {
        try {
            return Files.createTempDirectory(instance, "job-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path instance() {
        return instance;
    }

    @Override
    public void destroy() throws IOException {
        LIVE.remove(instance);
        lock.release();
        lockChannel.close();
        TempFiles.deleteRecursively(instance);
    }

    private void removeAbandoned() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(path -> path.getFileName().toString().startsWith(INSTANCE_PREFIX))
                    .filter(path -> !LIVE.contains(path))
                    .filter(WorkDirectory::abandoned)
                    .forEach(path -> {
                        log.info("Removing {} left by a stopped worker", path);
                        TempFiles.deleteRecursively(path);
                    });
        }
    }

    private static boolean olderThan(Path path, Duration age) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean abandoned(Path instanceDir) {
        Path lockFile = instanceDir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            // An instance starting right now creates its lock just after its directory.
            return olderThan(instanceDir, STARTING);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
