package dev.framesmith.local;

import dev.framesmith.emulators.client.EmulatorKit;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.emulators.client.FreePorts;
import dev.framesmith.emulators.client.KitOptions;
import dev.framesmith.emulators.client.RunningKit;
import dev.framesmith.emulators.client.Service;
import dev.framesmith.local.gateway.Gateway;
import dev.framesmith.local.gateway.Routes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The whole system on this machine: the emulator kit (SQS, S3, DynamoDB, SES, PostgreSQL) with its data under the
 * run directory, the four services as child JVMs, and the gateway in this JVM. {@link #close()} stops all of it.
 */
public final class LocalSystem implements AutoCloseable {

    static final String AUTH = "ms-auth";
    static final String VIDEO = "ms-video";
    static final String WORKER = "video-worker";
    static final String NOTIFY = "ms-notify";
    static final String SQS = "sqs";
    static final String S3 = "s3";
    static final String DYNAMODB = "dynamodb";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PrintStream out;
    private final RunDirectory directory;
    private final List<SupervisedService> services = new ArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, StandInGate> gates = new LinkedHashMap<>();
    private RunningKit kit;
    private SesGate sesGate;
    private Endpoints aws;
    private Gateway gateway;
    private Map<String, URI> apiDocs = Map.of();
    private LocalZipkin zipkin;
    private Process prometheus;
    private URI prometheusUri;
    private LocalQueueMetrics queueMetrics;
    private volatile boolean closing;

    private LocalSystem(PrintStream out, RunDirectory directory) {
        this.out = out;
        this.directory = directory;
    }

    /**
     * Starts everything and returns once every service is ready and the gateway listens.
     *
     * @param out where progress is reported
     * @throws IllegalStateException when a port is taken, a jar is missing, or something fails to become ready; what
     *                               was started is stopped again
     */
    public static LocalSystem start(LocalOptions options, PrintStream out) {
        LocalSystem system = prepare(options, out);
        try {
            system.start(options);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /**
     * Takes the run directory (clearing its data when asked) without starting anything, so that a shutdown hook can
     * hold the system before {@link #start(LocalOptions)} begins.
     */
    static LocalSystem prepare(LocalOptions options, PrintStream out) {
        return new LocalSystem(out, RunDirectory.open(options.dataDir(), options.wipe()));
    }

    void start(LocalOptions options) {
        requireFree(options.ports());
        startAll(options);
    }

    /** Whether {@link #close()} has begun. */
    boolean isClosing() {
        return closing;
    }

    private void startAll(LocalOptions options) {
        Instant deadline = Instant.now().plus(options.readyWithin());
        LocalPorts ports = options.ports();
        long started = System.nanoTime();
        out.println("Starting the emulated AWS services and PostgreSQL (data in " + directory.data() + ") ...");
        adopt(EmulatorKit.start(kitOptions(options, ports)));
        out.printf("  ready after %d s%n", seconds(started));

        Endpoints aws = openGates(kit.endpoints(), ports);
        int authPort = portOrFree(ports.auth());
        int gatewayPort = portOrFree(ports.gateway());
        URI page = URI.create("http://127.0.0.1:" + gatewayPort + "/");
        URI jwks = URI.create("http://127.0.0.1:" + authPort + "/auth/.well-known/jwks.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        boolean traced = Files.isRegularFile(options.zipkinJar());
        int zipkinPort = traced ? (FreePorts.isFree(9411) ? 9411 : portOrFree(0)) : 0;
        out.println("Starting " + AUTH + ", " + VIDEO + ", " + WORKER + " and " + NOTIFY + " ...");
        for (ServiceSpec spec : List.of(
                ServiceSpec.auth(authPort, aws, SigningKey.pem(directory.data().resolve("auth-signing-key.pem"))),
                ServiceSpec.video(portOrFree(ports.video()), aws, jwks),
                ServiceSpec.worker(portOrFree(ports.worker()), aws, directory.workerScratch(),
                        Executables.onPath("ffmpeg")),
                ServiceSpec.notifications(portOrFree(ports.notifications()), aws, jwks, page))) {
            Path jar = StagedJars.stage(options.serviceJar(spec.module()), directory.jars());
            List<String> args = new ArrayList<>(spec.args());
            if (traced) {
                args.addAll(ServiceSpec.tracingTo(LocalZipkin.spans(zipkinPort)));
            }
            ServiceProcess service = ServiceProcess.start(spec.module(), java, jar,
                    options.heap(), spec.port(), portOrFree(0), args, spec.environment(), spec.jvmOptions(),
                    directory.logs().resolve(spec.module() + ".log"));
            adopt(service);
        }
        awaitReady(deadline, started);
        // The trace UI starts once the services are up, not to slow their start; their reporters hold spans meanwhile.
        if (traced) {
            startZipkin(options, java, zipkinPort).awaitReady(deadline);
        } else {
            out.println("  (no trace UI: " + options.zipkinJar() + " is missing; ./mvnw -pl local package copies it)");
        }

        adopt(Gateway.start(new InetSocketAddress(LOOPBACK, gatewayPort),
                Routes.ingress(service(AUTH).baseUri(), service(VIDEO).baseUri())));
        apiDocs = findApiDocs();
        if (options.monitoring()) {
            startPrometheus(options.root());
        }
        started().forEach(SupervisedService::supervise);
    }

    /** The trace UI on 9411 (or a free port when 9411 is taken), from the jar the build copied. */
    private LocalZipkin startZipkin(LocalOptions options, Path java, int port) {
        LocalZipkin started = LocalZipkin.start(java, options.zipkinJar(), port,
                directory.logs().resolve("zipkin.log"));
        synchronized (this) {
            zipkin = started;
        }
        directory.recordChild("zipkin", started.handle());
        if (closing) {
            started.stop();
            throw new IllegalStateException("stopping");
        }
        return started;
    }

    /** Prometheus on 9090 (or a free port when 9090 is taken), when the system has it; otherwise says so. */
    private void startPrometheus(Path root) {
        Optional<Path> executable = LocalPrometheus.executable();
        if (executable.isEmpty()) {
            out.println("!! --monitoring: no 'prometheus' on the PATH (Debian: apt-get install prometheus); going on"
                    + " without it");
            return;
        }
        Map<String, URI> targets = new LinkedHashMap<>();
        started().forEach(service -> targets.put(service.name(), service(service.name()).managementUri()));
        LocalQueueMetrics queues = LocalQueueMetrics.start(aws().sqs(), new InetSocketAddress(LOOPBACK, 0));
        synchronized (this) {
            queueMetrics = queues;
        }
        int port = FreePorts.isFree(9090) ? 9090 : portOrFree(0);
        Process started = LocalPrometheus.start(executable.get(), directory.data().resolve("prometheus"),
                root.resolve("deploy/prometheus/alerts.yml"), targets, queues.uri(), port,
                directory.logs().resolve("prometheus.log"));
        synchronized (this) {
            prometheus = started;
            prometheusUri = URI.create("http://127.0.0.1:" + port + "/");
        }
        directory.recordChild("prometheus", started.toHandle());
    }

    private KitOptions kitOptions(LocalOptions options, LocalPorts ports) {
        KitOptions kitOptions = KitOptions.defaults()
                .withJar(options.emulatorsJar())
                .withDataDir(directory.data())
                .withLogFile(directory.logs().resolve("emulators.log"))
                .withStartupTimeout(options.readyWithin());
        // The AWS stand-ins listen on free ports behind their gates, which take the fixed ports (openGates).
        return ports.postgres() == 0 ? kitOptions : kitOptions.withPort(Service.POSTGRES, ports.postgres());
    }

    private synchronized void adopt(RunningKit started) {
        if (closing) {
            started.close();
            throw new IllegalStateException("stopping");
        }
        kit = started;
        directory.recordChild("emulators", ProcessHandle.of(started.pid()).orElseThrow());
    }

    /**
     * Puts a gate in front of each AWS stand-in, on the port the services are to know it by, so that one stand-in can
     * be stopped and started alone ({@link #control}); returns the endpoints the services use.
     */
    private Endpoints openGates(Endpoints standIns, LocalPorts ports) {
        Map<String, Integer> fixed = new LinkedHashMap<>();
        fixed.put(SQS, ports.sqs());
        fixed.put(S3, ports.s3());
        fixed.put(DYNAMODB, ports.dynamodb());
        Map<String, URI> targets = Map.of(SQS, standIns.sqs(), S3, standIns.s3(), DYNAMODB, standIns.dynamodb());
        synchronized (this) {
            fixed.forEach((name, port) -> gates.put(name, StandInGate.open(name, port, targets.get(name))));
            sesGate = SesGate.open(ports.ses(), standIns.ses());
            aws = new Endpoints(gates.get(SQS).uri(), gates.get(S3).uri(), gates.get(DYNAMODB).uri(), sesGate.uri(),
                    standIns.jdbcUrl(), standIns.dbUser(), standIns.dbPassword(), standIns.region(),
                    standIns.accessKey(), standIns.secretKey());
            return aws;
        }
    }

    private synchronized void adopt(ServiceProcess started) {
        if (closing) {
            started.stop(STOP_GRACE);
            throw new IllegalStateException("stopping");
        }
        services.add(new SupervisedService(started, out, restarts,
                process -> directory.recordChild(process.name(), process.handle())));
    }

    private synchronized void adopt(Gateway started) {
        if (closing) {
            started.close();
            throw new IllegalStateException("stopping");
        }
        gateway = started;
    }

    /** Waits for all services at once; they start in parallel. */
    private void awaitReady(Instant deadline, long started) {
        List<CompletableFuture<Void>> ready = started().stream()
                .map(service -> CompletableFuture.runAsync(() -> {
                    service.awaitReady(deadline);
                    out.printf("  %-13s ready after %d s%n", service.name(), seconds(started));
                }))
                .toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new));
        // The first service that fails ends the wait: no point waiting for the others.
        ready.forEach(one -> one.whenComplete((ignored, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            }
        }));
        try {
            all.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** The URL of the web page and the API (the gateway). */
    public URI gateway() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    /** The emulated AWS services (through their gates, as the services reach them) and the database. */
    public synchronized Endpoints aws() {
        return aws;
    }

    /** SES as the services reach it, which a test can make misbehave. */
    public synchronized SesGate ses() {
        return sesGate;
    }

    /** A page listing the e-mails sent through the SES stand-in. */
    public URI sentEmails() {
        return ses().uri();
    }

    /** The sent e-mails as JSON ({@code {"emails": [...]}}). */
    public URI sentEmailsJson() {
        return URI.create(ses().uri() + "/store");
    }

    /** Swagger UI of each service that has one, by service name. */
    public Map<String, URI> apiDocs() {
        return apiDocs;
    }

    /** The trace UI (Zipkin), when it runs. */
    public synchronized Optional<URI> traces() {
        return Optional.ofNullable(zipkin).map(LocalZipkin::uri);
    }

    /** The local Prometheus ({@code --monitoring}), when it runs. */
    public synchronized Optional<URI> prometheus() {
        return Optional.ofNullable(prometheusUri);
    }

    /** Where each process writes its log. */
    public Path logs() {
        return directory.logs();
    }

    /** The worker's scratch space: a directory per worker instance, holding its jobs' directories. */
    public Path workerScratch() {
        return directory.workerScratch();
    }

    /** Where the emulated services keep their data. */
    public Path data() {
        return directory.data();
    }

    /** The direct address of a service, by module name ({@code ms-auth}, ...). */
    public URI serviceUri(String module) {
        return service(module).baseUri();
    }

    /** The management address of a service ({@code /actuator/prometheus}, health), by module name. */
    public URI managementUri(String module) {
        return service(module).managementUri();
    }

    /** Stops the gateway, the services (gracefully, then by force) and the emulator kit. Safe to call twice. */
    @Override
    public void close() {
        Gateway runningGateway;
        List<SupervisedService> runningServices;
        RunningKit runningKit;
        List<AutoCloseable> runningStandIns;
        Process runningPrometheus;
        LocalZipkin runningZipkin;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            runningGateway = gateway;
            runningServices = List.copyOf(services);
            runningKit = kit;
            runningStandIns = new ArrayList<>(gates.values());
            if (sesGate != null) {
                runningStandIns.add(sesGate);
            }
            if (queueMetrics != null) {
                runningStandIns.add(queueMetrics);
            }
            runningPrometheus = prometheus;
            runningZipkin = zipkin;
        }
        if (runningPrometheus != null) {
            LocalPrometheus.stop(runningPrometheus);
        }
        if (runningGateway != null) {
            runningGateway.close();
        }
        CompletableFuture.allOf(runningServices.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.close(STOP_GRACE)))
                .toArray(CompletableFuture[]::new)).join();
        restarts.shutdownNow();
        runningStandIns.forEach(LocalSystem::closeQuietly);
        if (runningKit != null) {
            runningKit.close();
        }
        if (runningZipkin != null) {
            runningZipkin.stop();
        }
        directory.close();
    }

    private synchronized List<SupervisedService> started() {
        return List.copyOf(services);
    }

    private synchronized ServiceProcess service(String module) {
        return supervised(module).process();
    }

    private synchronized SupervisedService supervised(String module) {
        return services.stream().filter(service -> service.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module + "; the services are "
                        + services.stream().map(SupervisedService::name).toList()));
    }

    /** The names of the services, for {@link #control}. */
    public List<String> serviceNames() {
        return started().stream().map(SupervisedService::name).toList();
    }

    /** The names of the AWS stand-ins that can be stopped and started, for {@link #control}. */
    public static List<String> standInNames() {
        return List.of(SQS, S3, DYNAMODB);
    }

    /**
     * Acts on one service by its module name, as a fault or an operator would: {@code kill} (SIGKILL with its
     * children; restarted after the back-off), {@code terminate} (SIGTERM; restarted after the back-off once it has
     * exited), {@code stop} (graceful, and kept down) or {@code start} (after a stop). An AWS stand-in
     * ({@link #standInNames()}) can be stopped (it goes away for the services: their connections are reset and new
     * ones refused) and started again.
     */
    public void control(ComponentAction action, String module) {
        StandInGate gate;
        synchronized (this) {
            gate = gates.get(module);
        }
        if (gate != null) {
            switch (action) {
                case STOP -> gate.shut();
                case START -> gate.open();
                default -> throw new IllegalArgumentException("the " + module + " stand-in can only be stopped and"
                        + " started");
            }
            out.println((action == ComponentAction.STOP ? "Stopped" : "Started") + " the " + module + " stand-in");
            return;
        }
        SupervisedService service = supervised(module);
        switch (action) {
            case KILL -> service.kill();
            case TERMINATE -> service.terminate();
            case STOP -> service.stop(STOP_GRACE);
            case START -> service.start();
        }
    }

    /** Waits until a service (after a restart, its new process) is ready again. */
    public void awaitReady(String module, Duration within) {
        supervised(module).awaitReady(Instant.now().plus(within));
    }

    /** The process id of a service's current process. */
    public long pid(String module) {
        return service(module).handle().pid();
    }

    /** How often a service was restarted since the system started. */
    public int restarts(String module) {
        return supervised(module).restarts();
    }

    private Map<String, URI> findApiDocs() {
        URI gw = gateway();
        URI auth = service(AUTH).baseUri();
        URI video = service(VIDEO).baseUri();
        URI notify = service(NOTIFY).baseUri();
        Map<String, URI> docs = new LinkedHashMap<>();
        firstAnswering(gw.resolve("/auth/swagger-ui/index.html"), auth.resolve("/auth/swagger-ui/index.html"),
                auth.resolve("/swagger-ui/index.html")).ifPresent(uri -> docs.put(AUTH, uri));
        firstAnswering(gw.resolve("/videos/swagger-ui/index.html"), gw.resolve("/swagger-ui/index.html"),
                video.resolve("/swagger-ui/index.html")).ifPresent(uri -> docs.put(VIDEO, uri));
        firstAnswering(notify.resolve("/notifications/swagger-ui/index.html"),
                notify.resolve("/swagger-ui/index.html")).ifPresent(uri -> docs.put(NOTIFY, uri));
        return Map.copyOf(docs);
    }

    private static Optional<URI> firstAnswering(URI... candidates) {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        for (URI candidate : candidates) {
            try {
                HttpRequest request = HttpRequest.newBuilder(candidate).timeout(Duration.ofSeconds(10)).GET().build();
                if (client.send(request, BodyHandlers.discarding()).statusCode() == 200) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void requireFree(LocalPorts ports) {
        Map<String, Integer> named = new LinkedHashMap<>();
        named.put("gateway (--port)", ports.gateway());
        named.put(AUTH + " (--auth-port)", ports.auth());
        named.put(VIDEO + " (--video-port)", ports.video());
        named.put(NOTIFY + " (--notify-port)", ports.notifications());
        named.put(WORKER + " (--worker-port)", ports.worker());
        named.put("SQS stand-in", ports.sqs());
        named.put("S3 stand-in", ports.s3());
        named.put("DynamoDB stand-in", ports.dynamodb());
        named.put("SES stand-in", ports.ses());
        named.put("PostgreSQL", ports.postgres());
        named.forEach((what, port) -> {
            if (port != 0 && !FreePorts.isFree(port)) {
                throw new IllegalStateException("port " + port + " for the " + what + " is in use: stop what"
                        + " uses it, choose another port, or pass --free-ports");
            }
        });
    }

    /** The given port, or a free one (see {@link FreePorts}) for 0. */
    static int portOrFree(int port) {
        return port != 0 ? port : FreePorts.pick();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // going away anyway
        }
    }

    private static long seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }
}
