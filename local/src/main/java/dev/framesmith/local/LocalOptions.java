package dev.framesmith.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the local run starts and where.
 *
 * @param root        the repository root, where each module's {@code target/} holds its jar
 * @param dataDir     where state, logs and run files live ({@code .framesmith/} under the root by default)
 * @param wipe        clear the stored data before starting
 * @param ports       ports of the gateway, the services and the emulated AWS services; 0 = a free port
 * @param readyWithin how long the whole system may take to become ready
 * @param heap        maximum heap of each service JVM, as for {@code -Xmx}
 * @param monitoring  also start the system's Prometheus, scraping every service with the cluster's alert rules
 */
public record LocalOptions(Path root, Path dataDir, boolean wipe, LocalPorts ports, Duration readyWithin,
        String heap, boolean monitoring) {

    static final String USAGE = """
            usage: ./run.sh [options]      (or: java -jar local/target/framesmith-local.jar [options])
              --port N           gateway port: the web page and the API (default 8080)
              --wipe             delete the stored data (videos, users, frames) before starting
              --data-dir DIR     where data, logs and run files live (default .framesmith)
              --free-ports       run every service and emulator on a free port (the gateway too, unless --port)
              --auth-port N, --video-port N, --notify-port N, --worker-port N
                                 service ports (default 8081, 8082, 8083, 8084)
              --timeout SECONDS  how long the system may take to become ready (default 180)
              --heap SIZE        maximum heap of each service, as for -Xmx (default 384m)
              --monitoring       also start Prometheus (Debian package prometheus) with the alert rules, on 9090
              --help             show this text
            The emulated SQS, S3, DynamoDB, SES and PostgreSQL listen on 9711 to 9715 (any free port with --free-ports).
            Ctrl-C stops everything.""";

    public LocalOptions {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(readyWithin, "readyWithin");
        if (heap == null || !heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("heap must look like 384m or 1g: " + heap);
        }
    }

    /** The defaults for a run from the repository at {@code root}: fixed ports, data in {@code root/.framesmith}. */
    public static LocalOptions defaults(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return new LocalOptions(absolute, absolute.resolve(".framesmith"), false, LocalPorts.standard(),
                Duration.ofSeconds(180), "384m", false);
    }

    /** Parses the command line; unknown options and bad values throw {@link IllegalArgumentException}. */
    static LocalOptions parse(String... args) {
        LocalOptions options = defaults(defaultRoot());
        Path dataDir = null;
        Integer gatewayPort = null;
        LocalPorts ports = options.ports();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> gatewayPort = port(value(args, ++i, arg));
                case "--wipe" -> options = options.withWipe(true);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--free-ports" -> ports = LocalPorts.free();
                case "--auth-port" -> ports = ports.withAuth(port(value(args, ++i, arg)));
                case "--video-port" -> ports = ports.withVideo(port(value(args, ++i, arg)));
                case "--notify-port" -> ports = ports.withNotify(port(value(args, ++i, arg)));
                case "--worker-port" -> ports = ports.withWorker(port(value(args, ++i, arg)));
                case "--timeout" -> options = options.withReadyWithin(Duration.ofSeconds(seconds(value(args, ++i, arg))));
                case "--heap" -> options = options.withHeap(value(args, ++i, arg));
                case "--monitoring" -> options = options.withMonitoring(true);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (gatewayPort != null) {
            ports = ports.withGateway(gatewayPort);
        }
        options = options.withPorts(ports);
        return dataDir == null ? options : options.withDataDir(dataDir);
    }

    public LocalOptions withDataDir(Path dataDir) {
        return new LocalOptions(root, dataDir.toAbsolutePath().normalize(), wipe, ports, readyWithin, heap, monitoring);
    }

    public LocalOptions withWipe(boolean wipe) {
        return new LocalOptions(root, dataDir, wipe, ports, readyWithin, heap, monitoring);
    }

    public LocalOptions withPorts(LocalPorts ports) {
        return new LocalOptions(root, dataDir, wipe, ports, readyWithin, heap, monitoring);
    }

    public LocalOptions withReadyWithin(Duration readyWithin) {
        return new LocalOptions(root, dataDir, wipe, ports, readyWithin, heap, monitoring);
    }

    public LocalOptions withHeap(String heap) {
        return new LocalOptions(root, dataDir, wipe, ports, readyWithin, heap, monitoring);
    }

    public LocalOptions withMonitoring(boolean monitoring) {
        return new LocalOptions(root, dataDir, wipe, ports, readyWithin, heap, monitoring);
    }

    /** The emulator kit's runnable jar. */
    Path emulatorsJar() {
        return root.resolve("emulators/server/target/framesmith-emulators.jar");
    }

    /** The Zipkin server's executable jar, the trace UI (copied there by the build of this module). */
    Path zipkinJar() {
        return root.resolve("local/target/zipkin/zipkin-server.jar");
    }

    /** The executable jar of a service module. */
    Path serviceJar(String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    /**
     * The repository root: three levels above this class's code source ({@code local/target/framesmith-local.jar}
     * or {@code local/target/classes}) when that looks like the repository, otherwise the working directory.
     */
    static Path defaultRoot() {
        try {
            Path code = Path.of(LocalRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = code.toAbsolutePath().getParent().getParent().getParent();
            if (candidate != null && Files.isRegularFile(candidate.resolve("local/pom.xml"))) {
                return candidate;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String value) {
        int port = parseInt(value, "port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + value);
        }
        return port;
    }

    private static long seconds(String value) {
        int seconds = parseInt(value, "timeout");
        if (seconds < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second: " + value);
        }
        return seconds;
    }

    private static int parseInt(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + value);
        }
    }
}
