package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KustomizeRenderTest {

    @BeforeAll
    static void kubectl() {
        Repository.assumeKubectl();
    }

    static List<Path> deployableDirectories() {
        return Repository.deployableDirectories();
    }

    @Test
    void bothOverlaysEveryArgoApplicationAndTheBootstrapAreDeployable() {
        List<String> directories = deployableDirectories().stream().map(Repository::relative).toList();

        assertThat(directories).contains(
                "infra/k8s/overlays/dev",
                "infra/k8s/overlays/prod",
                "infra/k8s/overlays/prod/platform",
                "infra/k8s/overlays/prod/ms-auth",
                "infra/k8s/overlays/prod/ms-video",
                "infra/k8s/overlays/prod/video-worker",
                "infra/k8s/overlays/prod/ms-notify",
                "infra/argocd",
                "infra/argocd/apps");
        assertThat(directories).doesNotContain("infra/k8s/overlays/prod/aws-outputs", "infra/k8s/overlays/prod/release");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployableDirectories")
    void rendersIntoNamespacedObjects(Path directory) {
        Kustomize.Render render = Repository.render(directory);

        assertThat(render.manifests()).isNotEmpty();
        Set<String> namespaces = render.manifests().stream()
                .filter(m -> !m.kind().equals("Namespace"))
                .map(Manifest::namespace)
                .collect(Collectors.toSet());
        boolean argo = Repository.relative(directory).startsWith("infra/argocd");
        assertThat(namespaces).containsExactly(argo ? "argocd" : "video-system");
        assertThat(render.manifests().stream().map(Manifest::id)).doesNotHaveDuplicates();
    }

    @Test
    void theArgoApplicationsTogetherDeployExactlyTheProdOverlay() {
        Map<String, Map<String, Object>> whole = byId(Repository.render("infra/k8s/overlays/prod").manifests());
        Map<String, Map<String, Object>> union = new TreeMap<>();
        for (Manifest application : Repository.render("infra/argocd/apps").manifests()) {
            String path = application.string("spec", "source", "path").orElseThrow();
            List<Manifest> part = Repository.render(Repository.path(path)).manifests();
            byId(part).forEach((id, content) -> assertThat(union.put(id, content))
                    .as("%s is deployed by two Applications", id).isNull());
        }

        assertThat(union).isEqualTo(whole);
    }

    @Test
    void everyApplicationPointsAtAProdOverlayOfThisRepositoryWithAutomatedSync() {
        List<Manifest> applications = Manifest.ofKind(Repository.render("infra/argocd/apps").manifests(), "Application");
        Manifest project = Manifest.find(Repository.render("infra/argocd").manifests(), "AppProject", "framesmith").orElseThrow();
        Object repositories = project.at("spec", "sourceRepos").orElseThrow();

        assertThat(applications).extracting(Manifest::name).containsExactlyInAnyOrder(
                "framesmith-platform", "framesmith-ms-auth", "framesmith-ms-video", "framesmith-video-worker", "framesmith-ms-notify");
        for (Manifest application : applications) {
            assertThat(application.string("spec", "source", "path").orElseThrow()).startsWith("infra/k8s/overlays/prod/");
            assertThat(((List<?>) repositories).stream().map(String::valueOf).toList())
                    .contains(application.string("spec", "source", "repoURL").orElseThrow());
            assertThat(application.string("spec", "project")).contains("framesmith");
            assertThat(application.map("spec", "syncPolicy", "automated")).containsEntry("prune", true).containsEntry("selfHeal", true);
        }
    }

    @Test
    void aKustomizationReferringToAMissingFileDoesNotRender(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/ms-video/kustomization.yaml"),
                "  - hpa.yaml\n", "  - hpa.yaml\n  - autoscaling-typo.yaml\n");

        Processes.Result result = Kustomize.run(copy.resolve("infra/k8s/overlays/prod"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).contains("autoscaling-typo.yaml");
    }

    @Test
    void aPatchForAnObjectThatDoesNotExistDoesNotRender(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/overlays/dev/patches/keda-localstack.yaml"),
                "  name: video-worker\n  namespace: video-system\nspec:\n  minReplicaCount: 0",
                "  name: video-wrker\n  namespace: video-system\nspec:\n  minReplicaCount: 0");

        Processes.Result result = Kustomize.run(copy.resolve("infra/k8s/overlays/dev"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).contains("video-wrker");
    }

    private static Map<String, Map<String, Object>> byId(List<Manifest> manifests) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        manifests.forEach(m -> byId.put(m.id(), m.content()));
        return byId;
    }
}
