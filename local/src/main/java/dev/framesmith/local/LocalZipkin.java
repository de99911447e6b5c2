package dev.framesmith.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The trace UI of the local run: the Zipkin server's executable jar (Maven Central {@code io.zipkin:zipkin-server},
 * classifier {@code exec}, copied to {@code local/target/zipkin/} by the build), keeping spans in memory, on
 * loopback only. The services export their spans to it.
 */
final class LocalZipkin {

    /** Spans kept in memory at most: a few thousand uploads' worth. */
    private static final int MAX_SPANS = 100_000;

    private final Process process;
    private final URI uri;

    private LocalZipkin(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    static LocalZipkin start(Path java, Path jar, int port, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--armeria.ports[0].ip=127.0.0.1",
                    "--armeria.ports[0].port=" + port, "--armeria.ports[0].protocols=http"))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().put("STORAGE_TYPE", "mem");
            builder.environment().put("MEM_MAX_SPANS", Integer.toString(MAX_SPANS));
            return new LocalZipkin(builder.start(), URI.create("http://127.0.0.1:" + port + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Zipkin: " + e.getMessage(), e);
        }
    }

    /** The UI, and the API under {@code api/v2/}. */
    URI uri() {
        return uri;
    }

    /** Where the services send their spans to the server on {@code port}. */
    static URI spans(int port) {
        return URI.create("http://127.0.0.1:" + port + "/api/v2/spans");
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits until {@code /health} answers 200; throws when it exits or the deadline passes. */
    void awaitReady(Instant deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(uri.resolve("health")).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with code " + process.exitValue());
            }
            try {
                if (http.send(health, BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Zipkin", e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Zipkin was not ready in time");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Zipkin", e);
            }
        }
    }

    void stop() {
        Processes.stopTree(process.toHandle(), Duration.ofSeconds(10));
    }
}
