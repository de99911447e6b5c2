package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.emulators.client.Endpoints;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    private final Endpoints aws = new Endpoints(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2"),
            URI.create("http://127.0.0.1:3"), URI.create("http://127.0.0.1:4"), "jdbc:postgresql://127.0.0.1:5/auth",
            "auth", "db-secret", "us-east-1", "key", "secret");
    private final URI jwks = URI.create("http://127.0.0.1:8081/auth/.well-known/jwks.json");

    @Test
    void everyServiceGetsTheLocalProfileTheEmulatedEndpointsAndTheQueueNames() {
        for (ServiceSpec spec : new ServiceSpec[] {ServiceSpec.auth(8081, aws, "pem"),
                ServiceSpec.video(8082, aws, jwks),
                ServiceSpec.worker(8084, aws, Path.of("scratch"), Optional.empty()),
                ServiceSpec.notifications(8083, aws, jwks, URI.create("http://127.0.0.1:8080/"))}) {
            assertThat(spec.args()).as(spec.module()).contains(
                    "--spring.profiles.active=local",
                    "--server.address=127.0.0.1",
                    "--spring.cloud.aws.region.static=us-east-1",
                    "--spring.cloud.aws.credentials.access-key=key",
                    "--spring.cloud.aws.credentials.secret-key=secret",
                    "--spring.cloud.aws.sqs.endpoint=http://127.0.0.1:1",
                    "--spring.cloud.aws.s3.endpoint=http://127.0.0.1:2",
                    "--spring.cloud.aws.s3.path-style-access-enabled=true",
                    "--spring.cloud.aws.dynamodb.endpoint=http://127.0.0.1:3",
                    "--spring.cloud.aws.ses.endpoint=http://127.0.0.1:4",
                    "--framesmith.aws.provision.enabled=true",
                    "--framesmith.aws.queues.processing=framesmith-video-processing",
                    "--framesmith.aws.queues.events=framesmith-video-events",
                    "--framesmith.aws.queues.notifications=framesmith-notifications");
        }
    }

    @Test
    void msAuthGetsTheDatabaseAndItsSigningKeyThroughTheEnvironmentOnly() {
        ServiceSpec auth = ServiceSpec.auth(8081, aws, "-----BEGIN PRIVATE KEY-----");

        assertThat(auth.args()).contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5/auth",
                "--spring.datasource.username=auth", "--spring.datasource.password=db-secret");
        assertThat(auth.environment()).containsEntry("FRAMESMITH_AUTH_TOKEN_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----");
        assertThat(auth.args()).noneMatch(arg -> arg.contains("PRIVATE KEY"));
    }

    @Test
    void theApisTrustMsAuthsKeysAndTheMailsLinkToThePage() {
        assertThat(ServiceSpec.video(8082, aws, jwks).args())
                .contains("--framesmith.security.jwt.jwks-uri=" + jwks,
                        "--framesmith.security.jwt.revocation-uri=" + jwks.resolve("/auth/validate"));
        assertThat(ServiceSpec.notifications(8083, aws, jwks, URI.create("http://127.0.0.1:8080/")).args())
                .contains("--framesmith.security.jwt.jwks-uri=" + jwks,
                        "--framesmith.notify.app-url=http://127.0.0.1:8080/");
    }

    @Test
    void theWorkerRunsTheMachinesFfmpegWhenThereIsOneAndItsBundledOneOtherwise() {
        assertThat(ServiceSpec.worker(8084, aws, Path.of("scratch"), Optional.of(Path.of("/usr/bin/ffmpeg"))).args())
                .contains("--framesmith.worker.ffmpeg-path=/usr/bin/ffmpeg");
        assertThat(ServiceSpec.worker(8084, aws, Path.of("scratch"), Optional.empty()).args())
                .noneMatch(arg -> arg.startsWith("--framesmith.worker.ffmpeg-path="));
    }

    @Test
    void theServicesThatStreamVideosToS3RunWithTheOptimizingCompilerAndTheOthersStartQuickly() {
        // Uploads are signed chunk by chunk (SHA-256) over the emulated S3's plain HTTP; the quick-start compiler
        // alone does not use the processor's SHA instructions, which made a 1 GiB upload CPU-bound.
        assertThat(ServiceSpec.video(8082, aws, jwks).jvmOptions()).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ServiceSpec.worker(8084, aws, Path.of("scratch"), Optional.empty()).jvmOptions())
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ServiceSpec.auth(8081, aws, "pem").jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(ServiceSpec.notifications(8083, aws, jwks, URI.create("http://127.0.0.1:8080/")).jvmOptions())
                .containsExactly("-XX:TieredStopAtLevel=1");
    }
}
