package dev.framesmith.emulators.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator kit: SQS, S3, DynamoDB, SES and PostgreSQL stand-ins on 127.0.0.1, started in parallel. Once each
 * answers a real request it prints {@value #READY_PREFIX} and a one-line JSON object with the endpoints to standard
 * output (the only thing ever written there); it stops when standard input ends or on SIGTERM.
 */
public final class EmulatorMain {

    static final String READY_PREFIX = "FRAMESMITH-EMULATORS-READY ";
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";

    private static final Logger log = LoggerFactory.getLogger(EmulatorMain.class);

    private final List<Emulator> running = new ArrayList<>();
    private boolean stopped;

    private EmulatorMain() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        // this JVM's own shutdown hook stops ElasticMQ's actor system in order with the others
        System.setProperty("pekko.jvm-shutdown-hooks", "off");
        EmulatorMain kit = new EmulatorMain();
        Runtime.getRuntime().addShutdownHook(new Thread(kit::stop, "emulators-shutdown"));
        long started = System.nanoTime();
        try {
            kit.start(options);
        } catch (RuntimeException e) {
            log.error("the emulator kit failed to start", e);
            kit.stop();
            System.exit(1);
            return;
        }
        Map<String, String> ready = kit.readyLine();
        log.info("emulators ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        stdout.println(READY_PREFIX + Json.write(ready));
        stdout.flush();
        if (options.ignoreStdin()) {
            awaitShutdown();
        }
        awaitEndOf(System.in);
        log.info("standard input closed, stopping");
        System.exit(0);
    }

    private void start(ServerOptions options) {
        ExecutorService threads = Executors.newFixedThreadPool(options.services().size(), runnable -> {
            Thread thread = new Thread(runnable, "emulator-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Emulator>> starting = options.services().stream()
                    .map(service -> CompletableFuture.supplyAsync(() -> startOne(service, options), threads))
                    .toList();
            RuntimeException failure = null;
            for (CompletableFuture<Emulator> future : starting) {
                try {
                    Emulator emulator = future.join();
                    synchronized (this) {
                        running.add(emulator);
                    }
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            threads.shutdown();
        }
    }

    private static Emulator startOne(Service service, ServerOptions options) {
        long started = System.nanoTime();
        try {
            Emulator emulator = switch (service) {
                case SQS -> SqsEmulator.start(options);
                case S3 -> S3Emulator.start(options);
                case DYNAMODB -> NodeEmulator.dynamodb(options);
                case SES -> NodeEmulator.ses(options);
                case POSTGRES -> PostgresEmulator.start(options);
            };
            log.info("{} answers at {} after {} ms", service.cliName(), emulator.endpoints(),
                    (System.nanoTime() - started) / 1_000_000);
            return emulator;
        } catch (Exception e) {
            throw new IllegalStateException(service.cliName() + " failed to start: " + e.getMessage(), e);
        }
    }

    private synchronized Map<String, String> readyLine() {
        Map<String, String> line = new LinkedHashMap<>();
        running.forEach(emulator -> line.putAll(emulator.endpoints()));
        line.put("region", REGION);
        line.put("accessKey", ACCESS_KEY);
        line.put("secretKey", SECRET_KEY);
        return line;
    }

    /** Stops every started stand-in, in parallel; safe to call more than once. */
    private void stop() {
        List<Emulator> toStop;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            toStop = List.copyOf(running);
        }
        CompletableFuture.allOf(toStop.stream()
                .map(emulator -> CompletableFuture.runAsync(emulator::close))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Blocks until the JVM is told to stop (SIGTERM, Ctrl-C); the shutdown hook then stops the stand-ins. */
    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEndOf(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // input is ignored; only its end matters
            }
        } catch (IOException e) {
            log.warn("reading standard input failed, stopping", e);
        }
    }
}
