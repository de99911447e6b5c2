package dev.framesmith.emulators.server;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the kit.
 *
 * @param dataDir     where state survives restarts; {@code null} keeps everything in memory or in temporary files
 * @param services    the stand-ins to start
 * @param ports       fixed ports; a service not listed gets a free port
 * @param nodeModules the {@code node_modules} holding dynalite and aws-ses-v2-local
 * @param ignoreStdin keep running when standard input reaches its end (stop with SIGTERM instead)
 */
record ServerOptions(Path dataDir, Set<Service> services, Map<Service, Integer> ports, Path nodeModules,
        boolean ignoreStdin) {

    static final String USAGE = """
            usage: java -jar framesmith-emulators.jar [options]
              --data-dir DIR        keep state in DIR (default: everything transient)
              --services LIST       comma-separated subset of sqs,s3,dynamodb,ses,postgres (default: all)
              --sqs-port N, --s3-port N, --dynamodb-port N, --ses-port N, --postgres-port N
                                    fixed ports (default: free ports)
              --node-modules DIR    node_modules with dynalite and aws-ses-v2-local (default: node/node_modules next to the jar)
              --ignore-stdin        do not stop when standard input ends (stop with SIGTERM or Ctrl-C)
            Prints one line 'FRAMESMITH-EMULATORS-READY {json}' on standard output once every server answers,
            and stops when standard input ends.""";

    static ServerOptions parse(String... args) {
        Path dataDir = null;
        Set<Service> services = EnumSet.allOf(Service.class);
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        Path nodeModules = null;
        boolean ignoreStdin = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--services" -> services = services(value(args, ++i, arg));
                case "--node-modules" -> nodeModules = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--ignore-stdin" -> ignoreStdin = true;
                default -> {
                    if (arg.startsWith("--") && arg.endsWith("-port")) {
                        Service service = Service.fromCliName(arg.substring(2, arg.length() - "-port".length()));
                        ports.put(service, port(value(args, ++i, arg)));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        return new ServerOptions(dataDir, services, ports, nodeModules == null ? defaultNodeModules() : nodeModules,
                ignoreStdin);
    }

    int portOf(Service service) {
        return ports.getOrDefault(service, 0);
    }

    /** {@code dataDir/name}, or {@code null} when the kit is transient. */
    Path dataDir(String name) {
        return dataDir == null ? null : dataDir.resolve(name);
    }

    private static Set<Service> services(String list) {
        Set<Service> services = EnumSet.noneOf(Service.class);
        Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(Service::fromCliName).forEach(services::add);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("--services names no service");
        }
        return services;
    }

    private static int port(String value) {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + value);
        }
        return port;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Path defaultNodeModules() {
        try {
            Path jar = Path.of(EmulatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent().resolve("node").resolve("node_modules");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
