package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.emulators.client.EmulatorKit;
import dev.framesmith.emulators.client.FreePorts;
import dev.framesmith.emulators.client.Endpoints;
import dev.framesmith.emulators.client.KitOptions;
import dev.framesmith.emulators.client.RunningKit;
import dev.framesmith.emulators.client.Service;
import dev.framesmith.testsupport.RsaKeys;
import dev.framesmith.testsupport.aws.SigningRecorder;
import dev.framesmith.testsupport.aws.StsStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged services started as the prod overlay runs them in EKS: the environment of their ConfigMap and Secrets,
 * no keys, and what the EKS pod identity webhook adds for IRSA ({@code AWS_ROLE_ARN} from the ServiceAccount's
 * annotation, {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_REGION}). Only what cannot be the same on this machine
 * is changed: the ports, the AWS endpoints ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_STS}: stand-ins on
 * 127.0.0.1 that record what they receive, path-style S3 addressing for a single host), no trace export, and ms-auth's
 * database: the emulator kit's PostgreSQL, its login and a signing key made here in ms-auth's Secrets. Each service
 * must get credentials from STS for its own role with the token and sign every AWS request it sends with them — its
 * queue listeners' from the start and its dependency checks' once asked. The AWS stand-in authorizes each request
 * with the service's role policy from Terraform, as IAM would: the service must send none that it refuses, and be
 * ready with its dependencies up.
 */
class ServicesInEksTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String TOKEN = "eyJ-projected-service-account-token";

    @ParameterizedTest
    @MethodSource("servicesCallingAws")
    void getsItsRoleCredentialsFromTheServiceAccountTokenAndIsReadyWithItsDependenciesUpWithinItsRole(String service,
            @TempDir Path dir) throws Exception {
        IamPolicy policy = IamAudit.policy(Repository.path("infra/terraform"), service, List.of());
        try (StsStandIn sts = StsStandIn.start(); SigningRecorder aws = SigningRecorder.start()) {
            aws.authorize(request -> permission(request)
                    .map(permission -> policy.allows(permission.getKey(), permission.getValue())).orElse(false));
            try (Pod pod = Pod.start(service, dir, sts, aws)) {
                // The dependencies group holds the checks that reach AWS (and ms-auth's database).
                HttpResponse<String> dependencies = pod.management("/actuator/health/dependencies");
                HttpResponse<String> readiness = pod.management("/actuator/health/readiness");

                assertThat(sts.calls()).as("calls to STS; the service's log:%n%s", pod.tail()).isNotEmpty()
                        .allSatisfy(call -> assertThat(call)
                                .containsEntry("Action", "AssumeRoleWithWebIdentity")
                                .containsEntry("RoleArn", pod.roleArn())
                                .containsEntry("WebIdentityToken", TOKEN));
                assertThat(aws.requests()).extracting(SigningRecorder.Signed::service).as("services of the AWS"
                        + " requests; the service's log:%n%s", pod.tail()).contains("sqs");
                assertThat(aws.denied()).as("requests the role %s does not allow", pod.roleArn()).isEmpty();
                assertThat(dependencies.statusCode()).as("dependencies: %s", dependencies.body()).isEqualTo(200);
                assertThat(readiness.statusCode()).as("readiness: %s", readiness.body()).isEqualTo(200);
                assertThat(aws.requests()).allSatisfy(request -> {
                    assertThat(request.accessKeyId()).as("%s", request).startsWith("ASIATEMPORARYKEY000");
                    assertThat(request.securityToken()).as("%s", request).isEqualTo(StsStandIn.SESSION_TOKEN);
                });
            }
        }
    }

    /**
     * AWS gone from a running pod, as in a regional outage: the dependencies group, which alerts, goes down, while
     * the pod stays ready and the load balancer keeps it ({@code /readyz} on the service port), so the outage does
     * not take every pod of the service out of the load balancer at once.
     */
    @Test
    void anAwsOutageTakesTheDependenciesDownAndLeavesThePodInTheLoadBalancer(@TempDir Path dir) throws Exception {
        try (StsStandIn sts = StsStandIn.start(); SigningRecorder aws = SigningRecorder.start();
                Pod pod = Pod.start("ms-video", dir, sts, aws)) {
            assertThat(pod.management("/actuator/health/dependencies").statusCode()).as("dependencies before")
                    .isEqualTo(200);

            aws.close();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<String> dependencies = pod.management("/actuator/health/dependencies");
            while (dependencies.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                dependencies = pod.management("/actuator/health/dependencies");
            }
            assertThat(dependencies.statusCode()).as("dependencies: %s", dependencies.body()).isEqualTo(503);
            assertThat(pod.management("/actuator/health/readiness").statusCode()).as("readiness (the kubelet)")
                    .isEqualTo(200);
            assertThat(pod.service("/readyz").statusCode()).as("/readyz (the load balancer)").isEqualTo(200);
        }
    }

    static List<String> servicesCallingAws() {
        return IamAudit.SERVICES;
    }

    /**
     * The IAM action and resource a request needs, as AWS authorizes it; none for a request this does not know, which
     * is then refused. Queue URLs and ARNs carry the account {@link IamAudit} binds the policies to.
     */
    private static Optional<Map.Entry<String, String>> permission(SigningRecorder.Signed request) {
        String operation = request.target().substring(request.target().indexOf('.') + 1);
        return switch (String.valueOf(request.service())) {
            case "sqs" -> request.field("QueueName")
                    .or(() -> request.field("QueueUrl").map(url -> url.substring(url.lastIndexOf('/') + 1)))
                    .map(queue -> Map.entry("sqs:" + operation, IamAudit.queueArn(queue)));
            case "dynamodb" -> request.field("TableName")
                    .map(table -> Map.entry("dynamodb:" + operation, IamAudit.tableArn(table)));
            // HeadBucket, the only bucket-level request a service sends (its health check), needs s3:ListBucket.
            case "s3" -> request.target().matches("HEAD /[^/]+")
                    ? Optional.of(Map.entry("s3:ListBucket", "arn:aws:s3:::" + request.target().substring(6)))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** ms-auth's Secrets ({@code name/key}): the database login, and a signing key made for this run. */
    private static Map<String, String> authSecrets(Endpoints database) {
        return Map.of("ms-auth-db/username", database.dbUser(),
                "ms-auth-db/password", database.dbPassword(),
                "ms-auth-token/private-key", RsaKeys.pem("PRIVATE KEY", RsaKeys.generate().getPrivate().getEncoded()),
                "ms-auth-token/key-id", "eks-test-key");
    }

    /**
     * The container's environment in the render: what the manifests write ({@link WorkloadRules#environment}), and
     * its values from a Secret's key in {@code secrets} ({@code name/key}; an optional key that is not there is left
     * out).
     */
    private static Map<String, String> containerEnvironment(List<Manifest> manifests, Manifest deployment,
            String service, Map<String, String> secrets) {
        Map<String, Object> container = deployment.containers().stream()
                .filter(candidate -> service.equals(candidate.get("name"))).findFirst().orElseThrow();
        Map<String, String> environment = new HashMap<>(WorkloadRules.environment(container, manifests));
        for (Map<String, Object> variable : Yaml.list(container, "env")) {
            Optional<String> secretName = Yaml.string(variable, "valueFrom", "secretKeyRef", "name");
            if (secretName.isEmpty()) {
                continue;
            }
            String name = String.valueOf(variable.get("name"));
            String secret = secretName.get() + "/"
                    + Yaml.string(variable, "valueFrom", "secretKeyRef", "key").orElseThrow();
            if (secrets.containsKey(secret)) {
                environment.put(name, secrets.get(secret));
            } else {
                assertThat(Yaml.at(variable, "valueFrom", "secretKeyRef", "optional")).as("the Secret key %s of %s",
                        secret, name).contains(true);
            }
        }
        return environment;
    }

    /**
     * One service's process, started from its packaged jar as its pod runs it in the prod overlay, against the STS and
     * AWS stand-ins; stopped on close.
     */
    private static final class Pod implements AutoCloseable {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private final String roleArn;
        private final Process process;
        private final Path log;
        private final RunningKit database;
        private final URI service;
        private final URI management;

        private Pod(String roleArn, Process process, Path log, RunningKit database, int port, int managementPort) {
            this.roleArn = roleArn;
            this.process = process;
            this.log = log;
            this.database = database;
            this.service = URI.create("http://127.0.0.1:" + port);
            this.management = URI.create("http://127.0.0.1:" + managementPort);
        }

        /** Starts the service and waits until it is live; ms-auth gets the emulator kit's PostgreSQL. */
        static Pod start(String service, Path dir, StsStandIn sts, SigningRecorder aws) throws Exception {
            Repository.requireKubectl();
            List<Manifest> manifests = Repository.render("infra/k8s/overlays/prod").manifests();
            Manifest deployment = Manifest.find(manifests, "Deployment", service).orElseThrow();
            Manifest account = Manifest.find(manifests, "ServiceAccount",
                    deployment.string("spec", "template", "spec", "serviceAccountName").orElseThrow()).orElseThrow();
            String roleArn = account.string("metadata", "annotations", "eks.amazonaws.com/role-arn").orElseThrow();
            Path jar = ServiceJars.jar(Repository.ROOT, service);
            assertThat(jar).as("the packaged %s; package it first (./mvnw -B verify -pl %s,deploy-checks -am)",
                    service, service).isRegularFile();
            RunningKit database = service.equals("ms-auth")
                    ? EmulatorKit.start(KitOptions.defaults().withServices(Service.POSTGRES)) : null;
            int port = FreePorts.pick();
            int managementPort = FreePorts.pick();
            Map<String, String> environment = containerEnvironment(manifests, deployment, service,
                    database == null ? Map.of() : authSecrets(database.endpoints()));
            if (database != null) {
                environment.put("SPRING_DATASOURCE_URL", database.endpoints().jdbcUrl());
            }
            environment.putAll(Map.of(
                    "AWS_ROLE_ARN", roleArn,
                    "AWS_WEB_IDENTITY_TOKEN_FILE", Files.writeString(dir.resolve("token"), TOKEN).toString(),
                    "AWS_REGION", IamAudit.REGION,
                    "SERVER_PORT", String.valueOf(port),
                    "MANAGEMENT_SERVER_PORT", String.valueOf(managementPort),
                    "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                    "AWS_ENDPOINT_URL_STS", sts.endpoint().toString(),
                    "SPRING_CLOUD_AWS_S3_PATH_STYLE_ACCESS_ENABLED", "true",
                    "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "false",
                    "FRAMESMITH_WORKER_WORKDIR", dir.toString()));
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + dir, "-jar", jar.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(service + ".log").toFile());
            // Nothing of AWS or Spring inherited from the build's environment.
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPRING_")
                    || name.startsWith("FRAMESMITH_") || name.startsWith("MANAGEMENT_") || name.startsWith("SERVER_"));
            builder.environment().putAll(environment);
            Pod pod = new Pod(roleArn, builder.start(), dir.resolve(service + ".log"), database, port, managementPort);
            try {
                pod.awaitLive();
                return pod;
            } catch (Exception | AssertionError e) {
                pod.close();
                throw e;
            }
        }

        String roleArn() {
            return roleArn;
        }

        HttpResponse<String> management(String path) throws IOException, InterruptedException {
            return get(management.resolve(path));
        }

        HttpResponse<String> service(String path) throws IOException, InterruptedException {
            return get(service.resolve(path));
        }

        /** The end of the service's log, for failure messages. */
        String tail() {
            try {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                return text.substring(Math.max(0, text.length() - 3000));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (database != null) {
                database.close();
            }
        }

        private void awaitLive() throws InterruptedException {
            URI liveness = management.resolve("/actuator/health/liveness");
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the service running; its log:%n%s", tail()).isTrue();
                try {
                    if (get(liveness).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new AssertionError("no answer from " + liveness + " within " + STARTUP + "; the service's log:\n"
                    + tail());
        }

        private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
