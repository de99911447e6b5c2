package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadRulesTest {

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/k8s/overlays/dev", "infra/k8s/overlays/prod", "infra/k8s/overlays/aws-dev"})
    void everyWorkloadIsProbedHardenedBudgetedScaledAndFenced(String overlay) {
        Kustomize.Render render = Repository.render(overlay);

        assertThat(WorkloadRules.problems(overlay, render.manifests())).isEmpty();
        assertThat(Routing.problems(overlay, render.manifests())).isEmpty();
    }

    @Test
    void theWorkerScalesOnTheProcessingQueueAndOutlivesItsDrain() {
        List<Manifest> prod = Repository.render("infra/k8s/overlays/prod").manifests();
        Manifest scaled = Manifest.find(prod, "ScaledObject", "video-worker").orElseThrow();
        Manifest worker = Manifest.find(prod, "Deployment", "video-worker").orElseThrow();

        assertThat(scaled.list("spec", "triggers")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("type", "aws-sqs-queue"));
        assertThat(Manifest.ofKind(prod, "HorizontalPodAutoscaler")).extracting(Manifest::name)
                .containsExactlyInAnyOrder("ms-auth", "ms-video", "ms-notify");
        assertThat(worker.at("spec", "template", "spec", "terminationGracePeriodSeconds").map(Object::toString)).contains("90");
    }

    @Test
    void inProdTheWorkerRunsAloneOnTheTaintedSpotPoolTerraformCreates() {
        List<Manifest> prod = Repository.render("infra/k8s/overlays/prod").manifests();
        String terraform = Yaml.read(Repository.path("infra/terraform/environments/prod/main.tf"));

        assertThat(terraform)
                .contains("labels         = { \"framesmith.dev/pool\" = \"workers\" }")
                .contains("taints         = [{ key = \"framesmith.dev/pool\", value = \"workers\", effect = \"NO_SCHEDULE\" }]")
                .contains("labels         = { \"framesmith.dev/pool\" = \"apps\" }");
        for (Manifest deployment : Manifest.ofKind(prod, "Deployment")) {
            boolean worker = deployment.name().equals("video-worker");
            assertThat(deployment.map("spec", "template", "spec", "nodeSelector")).as(deployment.name())
                    .containsExactly(java.util.Map.entry("framesmith.dev/pool", worker ? "workers" : "apps"));
            assertThat(deployment.list("spec", "template", "spec", "tolerations")).as(deployment.name())
                    .hasSize(worker ? 1 : 0);
        }
    }

    @Test
    void aWeakenedWorkloadIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/ms-auth/deployment.yaml"),
                "            readOnlyRootFilesystem: true\n", "");
        Repository.replace(copy.resolve("infra/k8s/base/ms-auth/deployment.yaml"),
                "              path: /actuator/health/readiness", "              path: /actuator/health");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/deployment.yaml"),
                "terminationGracePeriodSeconds: 90", "terminationGracePeriodSeconds: 30");
        Repository.replace(copy.resolve("infra/k8s/base/ms-video/kustomization.yaml"), "  - hpa.yaml\n", "");
        Repository.replace(copy.resolve("infra/k8s/base/ms-notify/kustomization.yaml"), "  - pdb.yaml\n", "");
        Repository.replace(copy.resolve("infra/k8s/base/common/ingress.yaml"),
                "          - path: /auth\n", "          - path: /authentication\n");
        Repository.replace(copy.resolve("infra/k8s/base/ms-auth/deployment.yaml"),
                "          startupProbe:\n            httpGet:\n              path: /actuator/health/liveness\n"
                        + "              port: management\n",
                "          startupProbe:\n            httpGet:\n              path: /actuator/health/liveness\n"
                        + "              port: http\n");
        Repository.replace(copy.resolve("infra/k8s/base/ms-auth/configmap.yaml"),
                "SPRINGDOC_SWAGGER_UI_ENABLED: \"false\"", "SPRINGDOC_SWAGGER_UI_ENABLED: \"true\"");
        Repository.replace(copy.resolve("infra/k8s/base/ms-video/configmap.yaml"),
                "  SPRINGDOC_API_DOCS_ENABLED: \"false\"\n", "");
        Repository.replace(copy.resolve("infra/k8s/base/common/ingress.yaml"),
                "                name: ms-video\n                port:\n                  name: http\n",
                "                name: ms-video\n                port:\n                  name: management\n");
        Repository.replace(copy.resolve("infra/k8s/base/ms-notify/configmap.yaml"),
                "SERVER_PORT: \"8083\"", "SERVER_PORT: \"9083\"");
        Repository.replace(copy.resolve("infra/k8s/base/ms-notify/servicemonitor.yaml"),
                "    - port: management\n", "    - port: http\n");
        Repository.replace(copy.resolve("infra/k8s/base/video-worker/configmap.yaml"),
                "  MANAGEMENT_SERVER_PORT: \"9084\"\n", "");

        List<Manifest> manifests = Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).manifests();
        String problems = String.join("\n", WorkloadRules.problems("prod", manifests)) + "\n"
                + String.join("\n", Routing.problems("prod", manifests));

        assertThat(problems)
                .contains("Deployment ms-auth container ms-auth: readOnlyRootFilesystem is not true")
                .contains("Deployment ms-auth container ms-auth: readinessProbe is not /actuator/health/readiness")
                .contains("Deployment video-worker container video-worker: terminationGracePeriodSeconds 30 is not longer than preStop 0 s + shutdown 60 s")
                .contains("Deployment ms-video: an API needs a HorizontalPodAutoscaler")
                .contains("Deployment ms-notify: no PodDisruptionBudget selects its pods")
                .contains("Ingress routes {/=ms-video, /authentication=ms-auth, /videos=ms-video}")
                .contains("Deployment ms-auth container ms-auth: startupProbe does not probe the management port 9081")
                .contains("Deployment ms-auth container ms-auth: SPRINGDOC_SWAGGER_UI_ENABLED is not false:"
                        + " the API documents would be public")
                .contains("Deployment ms-video container ms-video: SPRINGDOC_API_DOCS_ENABLED is not false:"
                        + " the API documents would be public")
                .contains("Deployment ms-video container ms-video: the Ingress routes to the management port"
                        + " through Service ms-video")
                .contains("Deployment ms-notify container ms-notify: the management port is the service port 9083")
                .contains("Deployment ms-notify container ms-notify: Prometheus scrapes Service ms-notify port http,"
                        + " not the management port")
                .contains("Deployment video-worker container video-worker: MANAGEMENT_SERVER_PORT is not set;"
                        + " health and metrics would share the service port");
    }
}
