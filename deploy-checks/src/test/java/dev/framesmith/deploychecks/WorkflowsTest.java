package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class WorkflowsTest {

    private static Map<String, Object> workflow(String name) {
        return Yaml.loadMap(Repository.path(".github/workflows/" + name));
    }

    @Test
    void buildPushBuildsEveryServiceImageAndReleasesItThroughAnAwsOverlay() {
        Map<String, Object> buildPush = workflow("build-push.yml");
        Set<String> services = new TreeSet<>();
        Yaml.at(buildPush, "jobs", "build", "strategy", "matrix", "service")
                .ifPresent(list -> ((List<?>) list).forEach(s -> services.add(String.valueOf(s))));

        assertThat(services).isEqualTo(Images.servicesWithDockerfiles(Repository.ROOT));
        assertThat(Yaml.string(buildPush, "jobs", "build", "permissions", "id-token")).contains("write");
        String release = Yaml.read(Repository.path(".github/workflows/build-push.yml"));
        assertThat(release).contains("file=infra/k8s/overlays/$OVERLAY/release/kustomization.yaml");
        assertThat(Yaml.string(buildPush, "env", "OVERLAY")).hasValue("${{ inputs.environment == 'dev' && 'aws-dev' || 'prod' }}");
        for (String overlay : OverlayWiring.AWS_OVERLAYS) {
            Map<String, Object> component = Yaml.loadMap(Repository.path("infra/k8s/overlays/" + overlay + "/release/kustomization.yaml"));
            assertThat(Yaml.list(component, "images")).extracting(i -> String.valueOf(i.get("name"))).as(overlay)
                    .containsExactlyInAnyOrderElementsOf(services.stream().map(s -> "framesmith/" + s).toList());
        }
    }

    /**
     * Before the account's push role is configured (docs/deploy.md, step 8), a push to main builds nothing, and a
     * release to dev never uses the prod account's role.
     */
    @Test
    void imagesAreBuiltOnlyOnceTheAccountsPushRoleIsConfiguredAndOnlyWithThatAccountsRole() {
        String guard = Yaml.string(workflow("build-push.yml"), "jobs", "build", "if").orElseThrow();
        String role = Yaml.string(workflow("build-push.yml"), "env", "PUSH_ROLE_ARN").orElseThrow();
        Map<String, Object> dispatch = Map.of("event_name", "workflow_dispatch", "ref", "refs/heads/main");
        Map<String, Object> afterCi = Map.of("event_name", "workflow_run", "repository", "framesmith/framesmith",
                "event", Map.of("workflow_run", Map.of("conclusion", "success", "event", "push", "head_branch", "main",
                        "head_repository", Map.of("full_name", "framesmith/framesmith"))));
        String prodRole = "AWS_ECR_PUSH_ROLE_ARN";
        String devRole = "AWS_ECR_PUSH_ROLE_ARN_DEV";

        assertThat(builds(guard, afterCi, Map.of(), Map.of())).isFalse();
        assertThat(builds(guard, afterCi, Map.of(), Map.of(prodRole, "arn:aws:iam::1:role/push"))).isTrue();
        assertThat(builds(guard, dispatch, Map.of("environment", "dev"), Map.of(prodRole, "arn:aws:iam::1:role/push")))
                .isFalse();
        assertThat(builds(guard, dispatch, Map.of("environment", "dev"), Map.of(devRole, "arn:aws:iam::2:role/push")))
                .isTrue();
        Map<String, Object> both = Map.of(prodRole, "arn:aws:iam::1:role/push", devRole, "arn:aws:iam::2:role/push");
        assertThat(value(role, dispatch, Map.of("environment", "dev"), both)).isEqualTo("arn:aws:iam::2:role/push");
        assertThat(value(role, dispatch, Map.of("environment", "prod"), both)).isEqualTo("arn:aws:iam::1:role/push");
        assertThat(value(role, afterCi, Map.of(), both)).isEqualTo("arn:aws:iam::1:role/push");
        assertThat(value(role, dispatch, Map.of("environment", "dev"), Map.of(prodRole, "arn:aws:iam::1:role/push")))
                .isEqualTo("");
    }

    private static boolean builds(String guard, Map<String, Object> github, Map<String, Object> inputs,
            Map<String, Object> vars) {
        return ActionsExpression.truthy(value(guard, github, inputs, vars));
    }

    private static Object value(String expression, Map<String, Object> github, Map<String, Object> inputs,
            Map<String, Object> vars) {
        return ActionsExpression.evaluate(expression, Map.of("github", github, "inputs", inputs, "vars", vars),
                function -> true);
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

    /** An environment whose account is not set up is skipped by its plan, as by its apply, not failed. */
    @Test
    void thePlanOfAnAccountThatIsNotSetUpRunsNoStepAfterSayingSo() {
        List<Map<String, Object>> steps = Yaml.list(workflow("terraform.yml"), "jobs", "plan", "steps");
        int check = 0;
        while (!"account".equals(steps.get(check).get("id"))) {
            check++;
        }
        String script = String.valueOf(steps.get(check).get("run"));
        assertThat(script).contains("[ -n \"$ROLE\" ] && [ -n \"$BUCKET\" ]", "echo \"ready=true\"");
        assertThat(Yaml.map(steps.get(check), "env")).containsEntry("ROLE", "${{ vars[matrix.role] }}")
                .containsEntry("BUCKET", "${{ vars[matrix.bucket] }}");
        for (Map<String, Object> step : steps.subList(check + 1, steps.size())) {
            String condition = String.valueOf(step.getOrDefault("if", "true"));
            assertThat(ActionsExpression.truthy(ActionsExpression.evaluate(condition,
                    Map.of("steps", Map.of("account", Map.of("outputs", Map.of()))), function -> true)))
                    .as("%s runs without an account", step).isFalse();
            assertThat(ActionsExpression.truthy(ActionsExpression.evaluate(condition,
                    Map.of("steps", Map.of("account", Map.of("outputs", Map.of("ready", "true")))), function -> true)))
                    .as("%s runs with an account", step).isTrue();
        }
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
        // Each environment applies on its own: prod never waits for, or fails with, the dev account.
        for (String environment : List.of("dev", "prod")) {
            Map<String, Object> job = Yaml.map(terraform, "jobs", "apply-" + environment);
            assertThat(Files.isDirectory(Repository.path("infra/terraform/environments/" + environment))).isTrue();
            assertThat(Yaml.string(job, "with", "environment")).contains(environment);
            assertThat(job).doesNotContainKeys("needs", "strategy");
        }
    }

    @Test
    void everyJobThatAssumesAnAwsRoleOrReleasesRunsOnlyForThisRepositorysOwnCode() {
        assertThat(Workflows.guardedJobs(Workflows.load(Repository.ROOT))).extracting(j -> j.workflow() + " " + j.job())
                .contains("build-push.yml build", "build-push.yml release", "terraform.yml plan",
                        "terraform.yml apply-dev", "terraform.yml apply-prod", "terraform-apply.yml apply");

        assertThat(Workflows.guardProblems(Repository.ROOT)).isEmpty();
    }

    @Test
    void aReleaseThatAForkPullRequestFromItsBranchMainCanStartIsReported(@TempDir Path copy) {
        Repository.copy(copy, ".github/workflows");
        Path buildPush = copy.resolve(".github/workflows/build-push.yml");
        String guard = Yaml.read(buildPush).replaceAll("(?s).*\n(    if: >-\n.*?== github.repository\\)+)\n.*", "$1");
        Repository.replace(buildPush, guard,
                "    if: github.event_name == 'workflow_dispatch' || github.event.workflow_run.conclusion == 'success'");

        assertThat(Workflows.guardProblems(copy)).anySatisfy(problem -> assertThat(problem)
                .contains("build-push.yml job build (assumes an AWS role): runs for a workflow_run after CI of a fork's"
                        + " pull request from its branch main"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("build-push.yml job release (writes to the repository): runs for a workflow_run after"
                                + " CI of a pull request (not a push)"));
    }

    @Test
    void aPlanForAForkPullRequestOrANewTriggerIsReported(@TempDir Path copy) {
        Repository.copy(copy, ".github/workflows");
        Path terraform = copy.resolve(".github/workflows/terraform.yml");
        Repository.replace(terraform, " && github.event.pull_request.head.repo.full_name == github.repository", "");
        Repository.replace(terraform, "  workflow_dispatch:\n", "  workflow_dispatch:\n  issue_comment:\n");

        assertThat(Workflows.guardProblems(copy))
                .anySatisfy(problem -> assertThat(problem).contains("terraform.yml job plan (assumes an AWS role): runs"
                        + " for a pull request from a fork"))
                .anySatisfy(problem -> assertThat(problem).contains("terraform.yml job apply-prod (calls"
                        + " ./.github/workflows/terraform-apply.yml, which assumes an AWS role): trigger issue_comment"));
    }

    @Test
    void conditionsAreEvaluatedLikeTheRunnerDoes() {
        Map<String, Object> contexts = Map.of("github", Map.of("event_name", "push", "event", Map.of("n", 3.0)),
                "vars", new ActionsExpression.AnyKey("x"));
        ActionsExpression.Status always = function -> true;

        assertThat(ActionsExpression.evaluate("github.event_name == 'PUSH'", contexts, always)).isEqualTo(true);
        assertThat(ActionsExpression.evaluate("${{ github.missing == '' && github.missing == null }}", contexts, always))
                .isEqualTo(true);
        assertThat(ActionsExpression.evaluate("github.event.n > 2 && 'yes' || 'no'", contexts, always)).isEqualTo("yes");
        assertThat(ActionsExpression.evaluate("vars.ANY != '' && !(github.event['n'] != 3)", contexts, always))
                .isEqualTo(true);
        assertThat(ActionsExpression.evaluate("startsWith(github.event_name, 'pu') && contains('abc', 'B')", contexts,
                always)).isEqualTo(true);
        assertThatThrownBy(() -> ActionsExpression.evaluate("steps.x.outputs.y == 'z'", contexts, always))
                .hasMessageContaining("unknown context steps");
        assertThatThrownBy(() -> ActionsExpression.evaluate("hashFiles('x')", contexts, always))
                .hasMessageContaining("hashfiles() is not supported");
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
