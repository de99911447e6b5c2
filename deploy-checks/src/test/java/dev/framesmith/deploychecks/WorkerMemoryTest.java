package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerMemoryTest {

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/overlays/dev", "infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev"})
    void theWorkersPodHoldsItsJvmAndOneFfmpegPerJob(String overlay) {
        assertThat(WorkerMemory.problems(overlay, Repository.render(overlay).manifests(),
                Repository.path("video-worker/Dockerfile"))).isEmpty();
    }

    @Test
    void moreJobsThanThePodHoldsOrAnUnboundedHeapOrFfmpegAreReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s", "video-worker/Dockerfile");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/configmap.yaml"),
                "FRAMESMITH_WORKER_CONCURRENCY: \"2\"", "FRAMESMITH_WORKER_CONCURRENCY: \"3\"");

        assertThat(problems(copy)).containsExactly("prod Deployment video-worker: memory limit 2816 MiB is below the"
                + " heap 384 MiB + 256 MiB beside it + 3 jobs × 1024 MiB = 3712 MiB");

        Repository.replace(copy.resolve("video-worker/Dockerfile"), "\"-Xmx384m\", ", "\"-XX:MaxRAMPercentage=75\", ");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/configmap.yaml"),
                "FRAMESMITH_WORKER_LIMITS_MEMORY: 1GB", "FRAMESMITH_WORKER_LIMITS_MEMORY: \"0\"");

        assertThat(problems(copy)).containsExactlyInAnyOrder(
                "Dockerfile of video-worker: the JVM's heap is not bounded by -Xmx in its ENTRYPOINT",
                "prod Deployment video-worker: FRAMESMITH_WORKER_LIMITS_MEMORY is 0, FFmpeg's memory is unbounded");
    }

    @Test
    void quantitiesAndDataSizesAreReadAsKubernetesAndSpringMeanThem() {
        assertThat(WorkerMemory.quantity("2816Mi")).isEqualTo(2816L << 20);
        assertThat(WorkerMemory.quantity("3Gi")).isEqualTo(3L << 30);
        assertThat(WorkerMemory.quantity("3G")).isEqualTo(3_000_000_000L);
        assertThat(WorkerMemory.dataSize("1GB")).isEqualTo(1L << 30);
        assertThat(WorkerMemory.dataSize("768MB")).isEqualTo(768L << 20);
    }

    private static List<String> problems(Path copy) {
        return WorkerMemory.problems("prod", Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests(),
                copy.resolve("video-worker/Dockerfile"));
    }
}
