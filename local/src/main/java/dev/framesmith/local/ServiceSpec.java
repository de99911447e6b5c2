package dev.framesmith.local;

import dev.framesmith.contracts.Queues;
import dev.framesmith.emulators.client.Endpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one service is started: its module, port, Spring Boot arguments (the {@code local} profile and the
 * emulated endpoints) and the JVM options of its kind.
 */
record ServiceSpec(String module, int port, List<String> args, Map<String, String> environment,
        List<String> jvmOptions) {

    /** ms-auth and ms-notify: the quick-starting compiler alone, as they only handle small requests. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");
    /**
     * ms-video and the worker stream whole videos and archives to S3, signing every chunk of them (SHA-256) over the
     * emulated S3's plain HTTP: only the optimizing compiler uses the processor's SHA instructions, without which a
     * 1 GiB upload costs about 9 s more processor time in each of ms-video and the S3 stand-in.
     */
    static final List<String> MOVES_PAYLOADS = List.of();

    /**
     * ms-auth, signing with a key kept in the run directory (so that tokens survive a restart), passed through the
     * environment rather than the command line.
     */
    static ServiceSpec auth(int port, Endpoints aws, String signingKeyPem) {
        List<String> args = common(aws);
        args.add("--spring.datasource.url=" + aws.jdbcUrl());
        args.add("--spring.datasource.username=" + aws.dbUser());
        args.add("--spring.datasource.password=" + aws.dbPassword());
        args.add("--framesmith.auth.token.generate-if-missing=true");
        return new ServiceSpec(LocalSystem.AUTH, port, List.copyOf(args),
                Map.of("FRAMESMITH_AUTH_TOKEN_PRIVATE_KEY", signingKeyPem), QUICK_START);
    }

    static final Duration WORKER_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    static ServiceSpec video(int port, Endpoints aws, URI jwks) {
        List<String> args = common(aws);
        args.add("--framesmith.security.jwt.jwks-uri=" + jwks);
        // ms-auth's token check, beside its JWK set: a password reset ends the user's tokens here too.
        args.add("--framesmith.security.jwt.revocation-uri=" + jwks.resolve("/auth/validate"));
        return new ServiceSpec(LocalSystem.VIDEO, port, List.copyOf(args), Map.of(), MOVES_PAYLOADS);
    }

    /**
     * The worker; its job directories go under {@code scratch}. It runs {@code ffmpeg} when given (the machine's own,
     * as the container image runs Debian's), else the static build bundled with it. Its shutdown grace is well below
     * the launcher's (Ctrl-C, a stop): running jobs are given back to the queue before the launcher would kill the
     * process.
     */
    static ServiceSpec worker(int port, Endpoints aws, Path scratch, Optional<Path> ffmpeg) {
        List<String> args = common(aws);
        args.add("--framesmith.worker.work-dir=" + scratch);
        ffmpeg.ifPresent(path -> args.add("--framesmith.worker.ffmpeg-path=" + path));
        args.add("--framesmith.worker.shutdown-grace=" + WORKER_SHUTDOWN_GRACE.toSeconds() + "s");
        return new ServiceSpec(LocalSystem.WORKER, port, List.copyOf(args), Map.of(), MOVES_PAYLOADS);
    }

    /** ms-notify; its e-mails link to the page at {@code appUrl}. */
    static ServiceSpec notifications(int port, Endpoints aws, URI jwks, URI appUrl) {
        List<String> args = common(aws);
        args.add("--framesmith.security.jwt.jwks-uri=" + jwks);
        args.add("--framesmith.notify.app-url=" + appUrl);
        return new ServiceSpec(LocalSystem.NOTIFY, port, List.copyOf(args), Map.of(), QUICK_START);
    }

    /** Arguments that send the service's spans to a Zipkin server's {@code spans} endpoint. */
    static List<String> tracingTo(URI spans) {
        return List.of("--management.tracing.export.zipkin.enabled=true",
                "--management.tracing.export.zipkin.endpoint=" + spans);
    }

    /** What every service reads: the local profile, loopback only, the emulated AWS endpoints and queue names. */
    private static List<String> common(Endpoints aws) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--server.address=127.0.0.1",
                "--spring.cloud.aws.region.static=" + aws.region(),
                "--spring.cloud.aws.credentials.access-key=" + aws.accessKey(),
                "--spring.cloud.aws.credentials.secret-key=" + aws.secretKey(),
                "--spring.cloud.aws.sqs.endpoint=" + aws.sqs(),
                "--spring.cloud.aws.s3.endpoint=" + aws.s3(),
                "--spring.cloud.aws.s3.path-style-access-enabled=true",
                "--spring.cloud.aws.dynamodb.endpoint=" + aws.dynamodb(),
                "--spring.cloud.aws.ses.endpoint=" + aws.ses(),
                "--framesmith.aws.provision.enabled=true",
                // The queue names, as the Kubernetes config maps and docker-compose give them to every service.
                "--framesmith.aws.queues.processing=" + Queues.PROCESSING,
                "--framesmith.aws.queues.events=" + Queues.EVENTS,
                "--framesmith.aws.queues.notifications=" + Queues.NOTIFICATIONS,
                // Debian's Prometheus (2.42, --monitoring) refuses a whole scrape that has an exemplar on a
                // histogram's _count (accepted from 2.43 on, as by the cluster's); the buckets keep theirs.
                "--management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes"
                        + "=false"));
        return args;
    }
}
