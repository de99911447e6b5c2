package dev.framesmith.local.e2e;

import dev.framesmith.local.LocalOptions;
import dev.framesmith.local.LocalPorts;
import dev.framesmith.local.LocalSystem;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole system once per test JVM, as the one command does (the same launcher, in this JVM), on free ports
 * and with a fresh data directory under {@code target/e2e}, and stops it when the test run ends.
 */
public final class RunningSystem implements BeforeAllCallback {

    private static volatile LocalSystem system;

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningSystem.class.getName(), key -> Running.attempt(), Running.class);
        if (running.failure() != null) {
            // Started once per test run: later classes fail at once with the first attempt's reason.
            throw new IllegalStateException("the system did not start: " + running.failure().getMessage(),
                    running.failure());
        }
    }

    /** The running system; only valid inside a test class extended with this extension. */
    static LocalSystem system() {
        if (system == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(RunningSystem.class)");
        }
        return system;
    }

    private static LocalSystem start() {
        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("framesmith.e2e.work", "target/e2e")).toAbsolutePath();
        LocalOptions options = LocalOptions.defaults(root)
                .withDataDir(work.resolve("run"))
                .withWipe(true)
                .withPorts(LocalPorts.free())
                .withReadyWithin(Duration.ofMinutes(4))
                .withMonitoring(true);
        LocalSystem started = LocalSystem.start(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-system-stop"));
        system = started;
        return started;
    }

    /** The one start attempt of this test run; closed by JUnit when the root context closes, at the end. */
    private record Running(LocalSystem system, RuntimeException failure) implements AutoCloseable {

        static Running attempt() {
            try {
                return new Running(start(), null);
            } catch (RuntimeException e) {
                return new Running(null, e);
            }
        }

        @Override
        public void close() {
            if (system != null) {
                system.close();
            }
        }
    }
}
