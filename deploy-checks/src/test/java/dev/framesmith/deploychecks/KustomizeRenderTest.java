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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KustomizeRenderTest {

    @BeforeAll
    static void kubectl() {
        Repository.requireKubectl();
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
                "infra/k8s/overlays/aws-dev",
                "infra/k8s/overlays/aws-dev/platform",
                "infra/k8s/overlays/aws-dev/ms-auth",
                "infra/k8s/overlays/aws-dev/ms-video",
                "infra/k8s/overlays/aws-dev/video-worker",
                "infra/k8s/overlays/aws-dev/ms-notify",
                "infra/argocd",
                "infra/argocd/apps",
                "infra/argocd/aws-dev",
                "infra/argocd/aws-dev/apps");
        assertThat(directories).doesNotContain("infra/k8s/overlays/prod/aws-outputs", "infra/k8s/overlays/prod/release",
                "infra/k8s/overlays/aws-dev/aws-outputs", "infra/k8s/overlays/aws-dev/release");
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

    @ParameterizedTest(name = "{1}")
    @CsvSource({"infra/argocd/apps, infra/k8s/overlays/prod", "infra/argocd/aws-dev/apps, infra/k8s/overlays/aws-dev"})
    void theArgoApplicationsTogetherDeployExactlyTheirOverlay(String applications, String overlay) {
        Map<String, Map<String, Object>> whole = byId(Repository.render(overlay).manifests());
        Map<String, Map<String, Object>> union = new TreeMap<>();
        for (Manifest application : Repository.render(applications).manifests()) {
            String path = application.string("spec", "source", "path").orElseThrow();
            assertThat(path).startsWith(overlay + "/");
            List<Manifest> part = Repository.render(Repository.path(path)).manifests();
            byId(part).forEach((id, content) -> assertThat(union.put(id, content))
                    .as("%s is deployed by two Applications", id).isNull());
        }

        assertThat(union).isEqualTo(whole);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"infra/argocd, infra/argocd/apps", "infra/argocd/aws-dev, infra/argocd/aws-dev/apps"})
    void everyApplicationPointsAtItsOverlayOfThisRepositoryWithAutomatedSync(String bootstrap, String applications) {
        List<Manifest> bootstrapped = Repository.render(bootstrap).manifests();
        Manifest root = Manifest.find(bootstrapped, "Application", "framesmith").orElseThrow();
        Manifest project = Manifest.find(bootstrapped, "AppProject", "framesmith").orElseThrow();
        Object repositories = project.at("spec", "sourceRepos").orElseThrow();
        List<Manifest> apps = Manifest.ofKind(Repository.render(applications).manifests(), "Application");

        assertThat(root.string("spec", "source", "path")).contains(applications);
        assertThat(apps).extracting(Manifest::name).containsExactlyInAnyOrder(
                "framesmith-platform", "framesmith-ms-auth", "framesmith-ms-video", "framesmith-video-worker", "framesmith-ms-notify");
        for (Manifest application : apps) {
            assertThat(application.string("spec", "source", "path").orElseThrow()).startsWith("infra/k8s/overlays/");
            assertThat(((List<?>) repositories).stream().map(String::valueOf).toList())
                    .contains(application.string("spec", "source", "repoURL").orElseThrow());
            assertThat(application.string("spec", "project")).contains("framesmith");
            assertThat(application.map("spec", "syncPolicy", "automated")).containsEntry("prune", true).containsEntry("selfHeal", true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"infra/argocd/apps", "infra/argocd/aws-dev/apps"})
    void everySyncHookFindsWhatItReadsOnTheFirstSync(String applications) {
        List<SyncOrder.Application> apps = Manifest.ofKind(Repository.render(applications).manifests(), "Application")
                .stream().map(a -> new SyncOrder.Application(a.name(), SyncOrder.wave(a), Repository.render(
                        Repository.path(a.string("spec", "source", "path").orElseThrow())).manifests()))
                .toList();

        assertThat(apps).flatExtracting(a -> Manifest.ofKind(a.manifests(), "Job")).extracting(Manifest::name)
                .contains("ms-auth-db-bootstrap");
        assertThat(SyncOrder.hookProblems(apps)).isEmpty();
    }

    @Test
    void aPreSyncHookReadingSecretsOfItsOwnApplicationIsReported() {
        List<Manifest> auth = Manifest.parseAll("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: video-system}
                spec: {target: {name: db-login}}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: bootstrap
                  namespace: video-system
                  annotations: {argocd.argoproj.io/hook: PreSync}
                spec:
                  template:
                    spec:
                      containers:
                        - name: psql
                          env:
                            - {name: PGPASSWORD, valueFrom: {secretKeyRef: {name: db-login, key: password}}}
                            - {name: URL, valueFrom: {configMapKeyRef: {name: platform-settings, key: url}}}
                """);
        List<Manifest> platform = Manifest.parseAll("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: platform-settings, namespace: video-system}
                """);

        assertThat(SyncOrder.hookProblems(List.of(new SyncOrder.Application("platform", -1, platform),
                new SyncOrder.Application("ms-auth", 0, auth)))).singleElement().asString()
                .contains("Application ms-auth: the PreSync hook Job bootstrap reads Secret/db-login");
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
