package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class WorkflowsTest {

    private static Map<String, Object> workflow(String name) {
        return Yaml.loadMap(Repository.path(".github/workflows/" + name));
    }

    @Test
    void buildPushBuildsEveryServiceImageAndReleasesItThroughTheProdOverlay() {
        Map<String, Object> buildPush = workflow("build-push.yml");
        Set<String> services = new TreeSet<>();
        Yaml.at(buildPush, "jobs", "build", "strategy", "matrix", "service")
                .ifPresent(list -> ((List<?>) list).forEach(s -> services.add(String.valueOf(s))));

        assertThat(services).isEqualTo(Images.servicesWithDockerfiles(Repository.ROOT));
        assertThat(Yaml.string(buildPush, "jobs", "build", "permissions", "id-token")).contains("write");
        String release = Yaml.read(Repository.path(".github/workflows/build-push.yml"));
        assertThat(release).contains("file=infra/k8s/overlays/prod/release/kustomization.yaml");
        Map<String, Object> component = Yaml.loadMap(Repository.path("infra/k8s/overlays/prod/release/kustomization.yaml"));
        assertThat(Yaml.list(component, "images")).extracting(i -> String.valueOf(i.get("name")))
                .containsExactlyInAnyOrderElementsOf(services.stream().map(s -> "framesmith/" + s).toList());
    }

    @Test
    void ciRendersValidatesAndChecksTerraformWithTheFilesInThisRepository() {
        String ci = Yaml.read(Repository.path(".github/workflows/ci.yml"));
        assertThat(workflow("ci.yml")).containsKey("jobs");
        assertThat(Yaml.map(workflow("ci.yml"), "jobs")).containsKeys("test", "manifests", "terraform");

        assertThat(ci).contains("./mvnw -B verify", "kubectl kustomize", "node infra/k8s/validate/validate.mjs",
                "terraform fmt -check -recursive", "terraform -chdir=\"$dir\" validate");
        assertThat(Repository.path("infra/k8s/validate/package-lock.json")).isRegularFile();
    }

    @Test
    void terraformPlansOnPullRequestsAndAppliesBehindAnEnvironment() {
        Map<String, Object> terraform = workflow("terraform.yml");

        for (String job : List.of("plan", "apply")) {
            for (Map<String, Object> entry : Yaml.list(terraform, "jobs", job, "strategy", "matrix", "include")) {
                assertThat(Files.isDirectory(Repository.path("infra/terraform/environments/" + entry.get("environment"))))
                        .as("%s %s", job, entry.get("environment")).isTrue();
            }
        }
        assertThat(Yaml.string(terraform, "jobs", "apply", "environment")).contains("${{ matrix.github_environment }}");
        assertThat(Yaml.string(terraform, "jobs", "plan", "if")).contains("github.event_name == 'pull_request'");
    }

    @Test
    void theDependencyAndImageScansFailOnHighAndCriticalAndGateTheRelease() {
        assertThat(ScanGates.problems(workflow("ci.yml"), workflow("build-push.yml"))).isEmpty();
        assertThat(Repository.path(".trivyignore")).isRegularFile();
    }

    @Test
    void aScanThatDoesNotFailOrDoesNotGateTheReleaseIsReported() {
        Map<String, Object> ci = workflow("ci.yml");
        Map<String, Object> buildPush = workflow("build-push.yml");
        for (Map<String, Object> step : Yaml.list(ci, "jobs", "dependency-scan", "steps")) {
            if (step.get("with") instanceof Map<?, ?> with) {
                ((Map<String, Object>) with).put("exit-code", "0");
            }
        }
        ((Map<String, Object>) Yaml.map(buildPush, "jobs").get("release")).remove("needs");
        ((Map<String, Object>) Yaml.map(buildPush, "jobs").get("build")).put("steps", List.of());

        assertThat(ScanGates.problems(ci, buildPush)).containsExactly(
                "ci.yml: no job scans the dependencies (trivy, scan-type fs) failing on HIGH,CRITICAL",
                "build-push.yml: the build job does not scan its image (trivy, scan-type image) failing on HIGH,CRITICAL",
                "build-push.yml: the release job does not need the build job, so a failed scan would not stop it");
    }
}
