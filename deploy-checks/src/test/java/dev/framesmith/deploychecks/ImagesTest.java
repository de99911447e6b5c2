package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    private static final Set<String> SERVICES = Set.of("ms-auth", "ms-video", "video-worker", "ms-notify");

    @Test
    void everyImageInEveryRenderIsBuiltHereOrAPinnedThirdPartyImage() {
        Repository.requireKubectl();
        List<String> problems = new ArrayList<>();
        for (Path directory : Repository.deployableDirectories()) {
            Kustomize.Render render = Repository.render(directory);
            problems.addAll(Images.manifestProblems(Repository.ROOT, Repository.relative(directory), render.manifests()));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceHasADockerfileAndProdRunsEachOfThemOnTheDeclaredPort() {
        Repository.requireKubectl();
        assertThat(Images.servicesWithDockerfiles(Repository.ROOT)).containsAll(SERVICES);
        Set<String> deployed = new TreeSet<>();
        for (Manifest deployment : Manifest.ofKind(Repository.render("infra/k8s/overlays/prod").manifests(), "Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                Images.service(Yaml.string(container, "image").orElse("")).ifPresent(service -> {
                    deployed.add(service);
                    int exposed = Dockerfiles.exposedPort(Repository.path(service + "/Dockerfile")).orElseThrow();
                    assertThat(Yaml.list(container, "ports")).extracting(p -> p.get("containerPort")).contains(exposed);
                    assertThat(Yaml.string(container, "image").orElseThrow())
                            .as("prod pulls from ECR").contains(".dkr.ecr.").endsWith(":" + releasedTag(service));
                });
            }
        }
        assertThat(deployed).isEqualTo(SERVICES);
    }

    @Test
    void everyServiceDockerfileIsMultiStageNonRootOnAJreWithAHealthCheck() {
        List<String> problems = new ArrayList<>();
        Images.servicesWithDockerfiles(Repository.ROOT)
                .forEach(service -> problems.addAll(Dockerfiles.problems(Repository.path(service + "/Dockerfile"))));

        assertThat(problems).isEmpty();
    }

    @Test
    void composeBuildsEachServiceFromItsDockerfileAndPinsEveryOtherImage() {
        Map<String, Object> compose = Yaml.loadMap(Repository.path("docker-compose.yml"));

        assertThat(Images.composeProblems(Repository.ROOT, compose)).isEmpty();
    }

    @Test
    void anImageWithoutDockerfileAndAnUnpinnedOrUnknownThirdPartyImageAreReported(@TempDir Path copy) {
        Repository.requireKubectl();
        Repository.copy(copy, "infra/k8s");
        Repository.replace(copy.resolve("infra/k8s/base/ms-notify/deployment.yaml"),
                "image: framesmith/ms-notify", "image: framesmith/ms-notifier");
        Repository.replace(copy.resolve("infra/k8s/overlays/dev/localstack.yaml"),
                "image: localstack/localstack:4.8", "image: localstack/localstack");
        Repository.replace(copy.resolve("infra/k8s/overlays/dev/postgres.yaml"),
                "image: postgres:17-alpine", "image: bitnami/postgresql:17");
        Kustomize.Render render = Kustomize.render(copy.resolve("infra/k8s/overlays/dev"));

        List<String> problems = Images.manifestProblems(Repository.ROOT, "dev", render.manifests());

        assertThat(problems).hasSize(3);
        assertThat(String.join("\n", problems))
                .contains("image framesmith/ms-notifier has no Dockerfile at ms-notifier/Dockerfile")
                .contains("third-party image localstack/localstack must be pinned")
                .contains("bitnami/postgresql:17 is neither built here");
    }

    @Test
    void aSingleStageRootImageWithoutHealthCheckIsReported(@TempDir Path dir) {
        Path dockerfile = Repository.writeTemp(dir, "Dockerfile", """
                FROM eclipse-temurin:17-jdk
                COPY target/app.jar /app.jar
                EXPOSE 8082
                ENTRYPOINT ["java", "-jar", "/app.jar"]
                """);

        List<String> problems = Dockerfiles.problems(dockerfile);

        assertThat(String.join("\n", problems))
                .contains("not a multi-stage build")
                .contains("does not switch to a non-root user")
                .contains("has no HEALTHCHECK");
    }

    @Test
    void aComposeServiceBuiltFromAMissingDockerfileIsReported(@TempDir Path dir) {
        Path copy = Repository.copy(dir, "docker-compose.yml").resolve("docker-compose.yml");
        Repository.replace(copy, "dockerfile: ms-video/Dockerfile", "dockerfile: ms-videos/Dockerfile");

        List<String> problems = Images.composeProblems(Repository.ROOT, Yaml.loadMap(copy));

        assertThat(String.join("\n", problems))
                .contains("service ms-video: build file ms-videos/Dockerfile does not exist")
                .contains("image framesmith/ms-video:local is not the one built from ms-videos/Dockerfile");
    }

    private static String releasedTag(String service) {
        Map<String, Object> release = Yaml.loadMap(Repository.path("infra/k8s/overlays/prod/release/kustomization.yaml"));
        return Yaml.list(release, "images").stream()
                .filter(i -> ("framesmith/" + service).equals(i.get("name")))
                .map(i -> String.valueOf(i.get("newTag"))).findFirst().orElseThrow();
    }
}
