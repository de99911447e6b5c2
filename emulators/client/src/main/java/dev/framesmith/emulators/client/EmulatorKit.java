package dev.framesmith.emulators.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts the emulator kit ({@code framesmith-emulators.jar}) as a child JVM serving SQS, S3, DynamoDB, SES and
 * PostgreSQL on 127.0.0.1:
 *
 * <pre>{@code
 * try (RunningKit kit = EmulatorKit.start(KitOptions.defaults())) {
 *     URI sqs = kit.endpoints().sqs();
 * }
 * }</pre>
 *
 * The kit stops when {@link RunningKit#close()} is called, when this JVM exits, and when this JVM dies (the kit
 * watches its standard input, which only this JVM holds open).
 */
public final class EmulatorKit {

    static final String READY_PREFIX = "FRAMESMITH-EMULATORS-READY ";

    /**
     * Options for the kit's JVM: a small heap, and the optimizing compiler, as the S3 stand-in checks the SHA-256
     * signature of every chunk uploaded to it (only that compiler uses the processor's SHA instructions).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-Xshare:auto");

    private EmulatorKit() {
    }

    /** Starts the kit with {@link KitOptions#defaults()}. */
    public static RunningKit start() {
        return start(KitOptions.defaults());
    }

    /**
     * Starts the kit and waits until every requested service answers.
     *
     * @throws IllegalStateException when the jar is missing, or the kit exits or times out before it is ready
     *                               (the message holds the end of its log)
     */
    public static RunningKit start(KitOptions options) {
        Path jar = requireJar(options.jar());
        Path logFile = options.logFile() == null ? defaultLogFile() : options.logFile().toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(options.javaExecutable().toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        if (options.dataDir() != null) {
            command.addAll(List.of("--data-dir", options.dataDir().toAbsolutePath().toString()));
        }
        command.addAll(List.of("--services",
                options.services().stream().map(Service::cliName).collect(Collectors.joining(","))));
        // Every port chosen here, none left to the kit: see FreePorts.
        for (Service service : options.services()) {
            Integer port = options.ports().get(service);
            command.addAll(List.of("--" + service.cliName() + "-port",
                    Integer.toString(port != null ? port : FreePorts.pick())));
        }
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command)
                    .redirectError(Redirect.appendTo(logFile.toFile()))
                    .redirectOutput(Redirect.PIPE)
                    .redirectInput(Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator kit: " + command, e);
        }
        return RunningKit.awaitReady(process, logFile, options.startupTimeout());
    }

    private static Path requireJar(Path jar) {
        if (jar == null) {
            throw new IllegalStateException("the emulator kit's jar is not known: set the system property "
                    + KitOptions.JAR_PROPERTY + " or KitOptions.withJar (build it with ./mvnw -pl emulators/server"
                    + " package)");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the emulator kit's jar " + jar.toAbsolutePath()
                    + " does not exist: build it with ./mvnw -pl emulators/server package");
        }
        return jar.toAbsolutePath();
    }

    private static Path defaultLogFile() {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            return target.resolve("emulators-" + ProcessHandle.current().pid() + ".log").toAbsolutePath();
        }
        try {
            return Files.createTempFile("framesmith-emulators-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
