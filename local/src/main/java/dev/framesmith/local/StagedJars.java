package dev.framesmith.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies of the service jars that the running services use, so that rebuilding a module while the system runs does
 * not pull a jar from under its JVM (a Spring Boot jar is read lazily while the service runs). A copy is made again
 * only when the built jar changed.
 */
final class StagedJars {

    private StagedJars() {
    }

    /** The copy of {@code jar} in {@code dir}, made or refreshed when the jar differs from it. */
    static Path stage(Path jar, Path dir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build with ./mvnw -B -DskipTests install"
                    + " (./run.sh does this when a jar is missing)");
        }
        Path copy = dir.resolve(jar.getFileName());
        try {
            if (Files.isRegularFile(copy) && Files.size(copy) == Files.size(jar)
                    && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar))) {
                return copy;
            }
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, jar.getFileName().toString(), ".tmp");
            try {
                Files.copy(jar, temporary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(temporary, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
