package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

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

        for (Map<String, Object> entry : Yaml.list(terraform, "jobs", "plan", "strategy", "matrix", "include")) {
            assertThat(Files.isDirectory(Repository.path("infra/terraform/environments/" + entry.get("environment"))))
                    .as("plan %s", entry.get("environment")).isTrue();
        }
        Map<String, Object> apply = workflow("terraform-apply.yml");
        assertThat(Yaml.string(apply, "jobs", "apply", "environment")).contains("${{ inputs.github_environment }}");
        assertThat(Yaml.string(terraform, "jobs", "plan", "if")).contains("github.event_name == 'pull_request'");
        // Each environment applies on its own: prod never waits for, or fails with, the dev account.
        for (String environment : List.of("dev", "prod")) {
            Map<String, Object> job = Yaml.map(terraform, "jobs", "apply-" + environment);
            assertThat(Files.isDirectory(Repository.path("infra/terraform/environments/" + environment))).isTrue();
            assertThat(Yaml.string(job, "with", "environment")).contains(environment);
            assertThat(job).doesNotContainKeys("needs", "strategy");
        }
    }
}
