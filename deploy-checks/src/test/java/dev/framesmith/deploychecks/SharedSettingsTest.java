package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedSettingsTest {

    @Test
    void everyOverlayAndComposeGiveMsVideoAndTheWorkerTheSameProcessingLimits() {
        Repository.requireKubectl();
        for (String overlay : List.of("infra/k8s/overlays/dev", "infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev")) {
            assertThat(SharedSettings.kustomizeProblems(overlay, Repository.render(overlay).manifests())).as(overlay)
                    .isEmpty();
        }
        assertThat(SharedSettings.composeProblems(Yaml.loadMap(Repository.path("docker-compose.yml")))).isEmpty();
    }

    @Test
    void aLimitGivenToOneOfThemOnlyIsFound() {
        List<Manifest> manifests = Manifest.parseAll("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: video-worker}
                data: {FRAMESMITH_PROCESSING_MAX_FRAMES: "50000", FRAMESMITH_WORKER_CONCURRENCY: "2"}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: video-worker}
                spec: {template: {spec: {containers: [{name: video-worker, envFrom: [{configMapRef: {name: video-worker}}]}]}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ms-video}
                spec: {template: {spec: {containers: [{name: ms-video, env: [{name: FRAMESMITH_PROCESSING_MAX_FRAMES, value: "20000"}]}]}}}
                """);

        assertThat(SharedSettings.kustomizeProblems("render", manifests)).containsExactly("render: ms-video is given"
                + " {FRAMESMITH_PROCESSING_MAX_FRAMES=20000} but video-worker {FRAMESMITH_PROCESSING_MAX_FRAMES=50000}");
        assertThat(SharedSettings.composeProblems(Map.of("services", Map.of(
                "ms-video", Map.of("environment", Map.of()),
                "video-worker", Map.of("environment", Map.of("FRAMESMITH_PROCESSING_MAX_DURATION", "4h"))))))
                .containsExactly("docker-compose.yml: ms-video is given {} but video-worker"
                        + " {FRAMESMITH_PROCESSING_MAX_DURATION=4h}");
    }
}
