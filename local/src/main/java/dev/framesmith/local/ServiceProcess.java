package dev.framesmith.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** One service running as a child JVM ({@code java -jar <module>.jar}), its output going to a log file. */
final class ServiceProcess {

    /** Every service: small stack, the serial collector (the compiler is chosen per service: ServiceSpec). */
    private static final List<String> JVM_OPTIONS = List.of("-Xss512k", "-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final ProcessBuilder builder;

    private ServiceProcess(String name, Process process, Path log, int port, int managementPort,
            ProcessBuilder builder) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.builder = builder;
    }

    /**
     * Starts the service.
     *
     * @param java the {@code java} executable
     * @param managementPort where its health and metrics are served (never behind the gateway)
     * @param args        Spring Boot arguments ({@code --name=value})
     * @param environment variables added to this JVM's environment (secrets, which stay off the command line)
     * @param jvmOptions  options of this service's JVM beyond those every service gets
     */
    static ServiceProcess start(String name, Path java, Path jar, String heap, int port, int managementPort,
            List<String> args, Map<String, String> environment, List<String> jvmOptions, Path log) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + heap);
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.add("--server.port=" + port);
        command.add("--management.server.port=" + managementPort);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(name, builder.start(), log, port, managementPort, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The same service started again, on the same ports, its output appended to the same log. */
    ServiceProcess relaunch() {
        try {
            return new ServiceProcess(name, builder.start(), log, port, managementPort, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " again: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where its health and metrics are served. */
    URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code, once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /**
     * Completes once it has exited and its exit code is known. (Its {@link #handle()}'s own {@code onExit} may
     * complete before that, when {@link #exitValue()} still throws.)
     */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Kills it at once (SIGKILL), with what it started, as a crash or an out-of-memory kill of its pod would, and
     * returns once it is gone.
     */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks it to shut down (SIGTERM), as Kubernetes does before it replaces a pod; does not wait. */
    void terminate() {
        process.destroy();
    }

    /**
     * Waits until {@code /actuator/health/readiness} answers 200 on the management port.
     *
     * @throws IllegalStateException when the service exits or the deadline passes; the message ends with its log
     */
    void awaitReady(Instant deadline) {
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; " + log + " ends with:\n" + logTail(20));
            }
            try {
                if (PROBE.send(readiness, BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready in time; " + log + " ends with:\n"
                        + logTail(30));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** Asks the service to shut down gracefully, then kills it and anything it started (FFmpeg, say). */
    void stop(Duration grace) {
        Processes.stopTree(process.toHandle(), grace);
    }

    /** The last lines of the log, JSON log lines shortened to their message (and the start of a stack trace). */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .map(LogLines::readable)
                    .collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
