package dev.framesmith.emulators.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in written for node, run as a child process through a small wrapper that ends it when this
 * JVM's end of its standard input closes (also when this JVM dies without running shutdown hooks).
 */
final class NodeEmulator implements Emulator {

    private static final Logger log = LoggerFactory.getLogger(NodeEmulator.class);

    /** Runs the entry point given as first argument with the remaining arguments; exits when stdin closes. */
    private static final String RUN_CHILD = """
            const cli = require('path').resolve(process.argv[1]);
            process.argv.splice(1, 1, cli);
            process.stdin.on('end', () => process.exit(0));
            process.stdin.on('error', () => process.exit(0));
            process.stdin.resume();
            require(cli);
            """;

    private final String name;
    private final Process process;
    private final String url;

    private NodeEmulator(String name, Process process, String url) {
        this.name = name;
        this.process = process;
        this.url = url;
    }

    /** DynamoDB through dynalite: in memory, or LevelDB under {@code <data-dir>/dynamodb}. */
    static NodeEmulator dynamodb(ServerOptions options) throws IOException {
        int port = Ports.resolve(options.portOf(Service.DYNAMODB));
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--host", Ports.HOST,
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        Path dir = options.dataDir("dynamodb");
        if (dir != null) {
            Files.createDirectories(dir);
            args.addAll(List.of("--path", dir.toString()));
        }
        String url = Ports.httpUrl(port);
        HttpRequest listTables = Probe.request(url + "/")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return start("dynamodb", options.nodeModules().resolve("dynalite/cli.js"), args, url, listTables);
    }

    /** SES v2 through aws-ses-v2-local; sent mail is listed at {@code GET /store}, in memory only. */
    static NodeEmulator ses(ServerOptions options) throws IOException {
        int port = Ports.resolve(options.portOf(Service.SES));
        List<String> args = List.of("--port", Integer.toString(port), "--host", Ports.HOST);
        String url = Ports.httpUrl(port);
        return start("ses", options.nodeModules().resolve("aws-ses-v2-local/dist/cli.js"), args, url,
                Probe.request(url + "/store").GET().build());
    }

    private static NodeEmulator start(String name, Path cli, List<String> args, String url, HttpRequest probe)
            throws IOException {
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " not found: build the kit with ./mvnw -pl emulators/server package"
                    + " or pass --node-modules");
        }
        List<String> command = new ArrayList<>(List.of("node", "-e", RUN_CHILD, cli.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        NodeEmulator emulator = new NodeEmulator(name, process, url);
        emulator.forwardOutput();
        try {
            Probe.untilAnswered(name, probe, Duration.ofSeconds(60), process::isAlive);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    private void forwardOutput() {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.err.println("[" + name + "] " + line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public Map<String, String> endpoints() {
        return Map.of(name, url);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.debug("{} stopped", name);
    }
}
