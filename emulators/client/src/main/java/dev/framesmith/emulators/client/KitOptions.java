package dev.framesmith.emulators.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to start the kit; start from {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param jar            the kit's runnable jar; defaults to the system property {@value #JAR_PROPERTY}
 * @param javaExecutable the {@code java} that runs it; defaults to the one running this JVM
 * @param dataDir        where the kit keeps state across restarts; {@code null} = everything transient
 * @param services       which stand-ins to start
 * @param ports          fixed ports; services not listed get free ports
 * @param startupTimeout how long to wait for the kit to be ready
 * @param logFile        where the kit's output goes; {@code null} = {@code target/emulators-<pid>.log} when
 *                       {@code target} exists, else a temporary file
 */
public record KitOptions(Path jar, Path javaExecutable, Path dataDir, Set<Service> services,
        Map<Service, Integer> ports, Duration startupTimeout, Path logFile) {

    /** System property naming the kit's jar (the build sets it for tests). */
    public static final String JAR_PROPERTY = "framesmith.emulators.jar";

    public KitOptions {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (services == null || services.isEmpty()) {
            throw new IllegalArgumentException("at least one service is needed");
        }
        services = Collections.unmodifiableSet(EnumSet.copyOf(services));
        ports = ports == null || ports.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(ports));
    }

    /** All services on free ports, transient, the jar from {@value #JAR_PROPERTY}, 120 s to start. */
    public static KitOptions defaults() {
        String jar = System.getProperty(JAR_PROPERTY);
        String exe = System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java";
        return new KitOptions(jar == null || jar.isBlank() ? null : Path.of(jar),
                Path.of(System.getProperty("java.home"), "bin", exe), null, EnumSet.allOf(Service.class), Map.of(),
                Duration.ofSeconds(120), null);
    }

    public KitOptions withJar(Path jar) {
        return new KitOptions(jar, javaExecutable, dataDir, services, ports, startupTimeout, logFile);
    }

    public KitOptions withJavaExecutable(Path javaExecutable) {
        return new KitOptions(jar, javaExecutable, dataDir, services, ports, startupTimeout, logFile);
    }

    public KitOptions withDataDir(Path dataDir) {
        return new KitOptions(jar, javaExecutable, dataDir, services, ports, startupTimeout, logFile);
    }

    public KitOptions withServices(Service first, Service... more) {
        return new KitOptions(jar, javaExecutable, dataDir, EnumSet.of(first, more), ports, startupTimeout, logFile);
    }

    public KitOptions withPort(Service service, int port) {
        Map<Service, Integer> fixed = new EnumMap<>(Service.class);
        fixed.putAll(ports);
        fixed.put(service, port);
        return new KitOptions(jar, javaExecutable, dataDir, services, fixed, startupTimeout, logFile);
    }

    public KitOptions withStartupTimeout(Duration startupTimeout) {
        return new KitOptions(jar, javaExecutable, dataDir, services, ports, startupTimeout, logFile);
    }

    public KitOptions withLogFile(Path logFile) {
        return new KitOptions(jar, javaExecutable, dataDir, services, ports, startupTimeout, logFile);
    }
}
