package dev.framesmith.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The one command: starts the emulated AWS services, PostgreSQL, the four services and the gateway, prints where
 * everything is, and stops all of it on Ctrl-C.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
        PrintStream out = System.out;
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(LocalOptions.USAGE);
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalSystem system;
        try {
            system = LocalSystem.prepare(options, out);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println();
            out.println("Stopping Framesmith ...");
            system.close();
            out.println("Stopped.");
        }, "local-run-stop"));
        long started = System.nanoTime();
        try {
            system.start(options);
        } catch (RuntimeException e) {
            if (system.isClosing()) {
                return;
            }
            System.err.println();
            System.err.println("Framesmith did not start: " + e.getMessage());
            System.err.println("Logs: " + relative(options.root(), system.logs()));
            System.exit(1);
            return;
        }
        printReady(out, options, system, (System.nanoTime() - started) / 1_000_000_000L);
        readCommands(system, out);
        new CountDownLatch(1).await();
    }

    /** Lines typed while it runs act on one service, as a fault would ({@link TypedCommands}). */
    private static void readCommands(LocalSystem system, PrintStream out) {
        TypedCommands commands = new TypedCommands(system::control, out);
        Thread reader = new Thread(() -> {
            try {
                commands.readAll(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // standard input gone: no more commands
            }
        }, "local-run-commands");
        reader.setDaemon(true);
        reader.start();
    }

    private static void printReady(PrintStream out, LocalOptions options, LocalSystem system, long seconds) {
        URI page = system.gateway().resolve("/");
        out.println();
        out.println("Framesmith is ready (" + seconds + " s).");
        out.println();
        out.println("  Web page       " + page);
        out.println("  API            " + system.gateway() + "/auth/..., " + system.gateway() + "/videos/...");
        Map<String, URI> docs = system.apiDocs();
        String label = "  API docs       ";
        for (String service : List.of(LocalSystem.AUTH, LocalSystem.VIDEO, LocalSystem.NOTIFY)) {
            URI doc = docs.get(service);
            if (doc != null) {
                out.printf("%s%-10s %s%n", label, service, doc);
                label = "                 ";
            }
        }
        out.println("  Sent e-mails   " + system.sentEmails() + "   (as JSON: " + system.sentEmailsJson() + ")");
        system.traces().ifPresent(traces -> out.println("  Traces         " + traces.resolve("zipkin/")
                + "   (one trace per upload: request, worker phases, e-mail)"));
        system.prometheus().ifPresent(prometheus -> out.println("  Prometheus     " + prometheus
                + "   (alerts: " + prometheus.resolve("alerts") + ")"));
        out.println("  Logs           " + relative(options.root(), system.logs()));
        out.println("  Data           " + relative(options.root(), system.data())
                + "   (kept across runs; start with --wipe to clear it)");
        out.println();
        out.println("A crashed service is restarted after a back-off. To try a fault, type 'kill ms-video' (or"
                + " terminate, stop, start; services " + String.join(", ", system.serviceNames()) + ";"
                + " 'stop s3' and 'start s3' for the stand-ins " + String.join(", ", LocalSystem.standInNames())
                + ").");
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
    }

    private static String relative(Path root, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) + "/" : absolute + "/";
    }
}
