package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerDiskTest {

    private static final String CONFIG_MAP = "infra/k8s/base/video-worker/configmap.yaml";
    private static final String DEPLOYMENT = "infra/k8s/base/video-worker/deployment.yaml";

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/overlays/dev", "infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev"})
    void theWorkersWorkVolumeHoldsASourceAndAnOutputPerJob(String overlay) {
        assertThat(WorkerDisk.problems(overlay, Repository.render(overlay).manifests(),
                Repository.path("video-worker/Dockerfile"))).isEmpty();
    }

    @Test
    void moreJobsThanTheVolumeHoldsOrAnUnboundedVolumeOrAnUnstatedLimitAreReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s", "video-worker/Dockerfile");
        Repository.replace(copy.resolve(CONFIG_MAP),
                "FRAMESMITH_WORKER_CONCURRENCY: \"2\"", "FRAMESMITH_WORKER_CONCURRENCY: \"3\"");

        assertThat(problems(copy)).containsExactly(
                "prod Deployment video-worker: work volume 14336 MiB is below 3 jobs × (2048 MiB source + 4096 MiB"
                        + " output) + 256 MiB free = 18688 MiB",
                "prod Deployment video-worker: ephemeral-storage limit 14336 MiB is below 3 jobs × (2048 MiB source"
                        + " + 4096 MiB output) + 256 MiB free = 18688 MiB");

        Repository.replace(copy.resolve(DEPLOYMENT), "          emptyDir:\n            sizeLimit: 14Gi",
                "          emptyDir: {}");
        Repository.replace(copy.resolve("infra/k8s/base/ms-video/configmap.yaml"),
                "  FRAMESMITH_VIDEO_MAX_UPLOAD_SIZE: 2GB\n", "");

        assertThat(problems(copy)).containsExactlyInAnyOrder(
                "prod Deployment ms-video: FRAMESMITH_VIDEO_MAX_UPLOAD_SIZE is not set",
                "prod Deployment video-worker: work volume work has no sizeLimit, its jobs may fill the node's disk");
    }

    @Test
    void theVolumeIsTheOneMountedAtTheWorkDirectory(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s", "video-worker/Dockerfile");
        Repository.replace(copy.resolve(CONFIG_MAP), "  FRAMESMITH_WORKER_CONCURRENCY:",
                "  FRAMESMITH_WORKER_WORKDIR: /scratch/jobs\n  FRAMESMITH_WORKER_CONCURRENCY:");

        assertThat(problems(copy)).containsExactly(
                "prod Deployment video-worker: no volume is mounted at the work directory /scratch/jobs");

        Repository.replace(copy.resolve(DEPLOYMENT), "              mountPath: /tmp",
                "              mountPath: /tmp\n            - name: scratch\n              mountPath: /scratch");
        Repository.replace(copy.resolve(DEPLOYMENT), "      volumes:",
                "      volumes:\n        - name: scratch\n          hostPath:\n            path: /mnt/scratch");

        assertThat(problems(copy)).containsExactly(
                "prod Deployment video-worker: work volume scratch is not an emptyDir, its size is unknown");
    }

    @Test
    void withoutAStatedWorkDirectoryItIsInTheJvmsTemporaryDirectory(@TempDir Path copy) {
        Path dockerfile = Repository.copy(copy, "video-worker/Dockerfile").resolve("video-worker/Dockerfile");

        assertThat(WorkerDisk.workDir(Map.of(), dockerfile)).isEqualTo(Path.of("/tmp/framesmith-worker"));
        assertThat(WorkerDisk.workDir(Map.of("FRAMESMITH_WORKER_WORK_DIR", "/scratch"), dockerfile))
                .isEqualTo(Path.of("/scratch"));

        Repository.replace(dockerfile, "\"-Djava.io.tmpdir=/tmp\"", "\"-Djava.io.tmpdir=/var/tmp\"");

        assertThat(WorkerDisk.workDir(Map.of(), dockerfile)).isEqualTo(Path.of("/var/tmp/framesmith-worker"));
    }

    private static List<String> problems(Path copy) {
        return WorkerDisk.problems("prod", Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests(),
                copy.resolve("video-worker/Dockerfile"));
    }
}
