package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which GitHub Actions jobs may run for code that is not this repository's own. A job that assumes an AWS role
 * (a {@code aws-actions/configure-aws-credentials} step, or a call of a reusable workflow that has one) or writes
 * to the repository (a release commit) must not run for a pull request from a fork, for {@code
 * pull_request_target}, or for a {@code workflow_run} that was not a push to this repository: {@code
 * workflow_run} filters on the head branch's name only, so a fork's pull request from a branch named main matches
 * {@code branches: [main]}. Each job's {@code if:} is evaluated (with its {@code needs}) in the GitHub context of
 * each such event, and in the events it exists for, where it must run.
 */
public final class Workflows {

    static final String REPOSITORY = "framesmith/framesmith";
    private static final String FORK = "attacker/framesmith";
    private static final Set<String> ANALYSED = Set.of("push", "pull_request", "pull_request_target", "workflow_run",
            "workflow_dispatch", "workflow_call", "schedule");

    /** The GitHub context of one way a workflow can be started, and whether the code it runs is untrusted. */
    record Scenario(String description, String event, String branch, boolean hostile, Map<String, Object> github) {
    }

    /** A job that needs guarding, by workflow file and job id. */
    public record GuardedJob(String workflow, String job, String why) {
    }

    private Workflows() {
    }

    static List<Scenario> scenarios() {
        Map<String, Object> forkPullRequest = Map.of("pull_request", Map.of(
                "head", Map.of("ref", "main", "repo", Map.of("full_name", FORK)),
                "base", Map.of("ref", "main", "repo", Map.of("full_name", REPOSITORY))));
        Map<String, Object> ownPullRequest = Map.of("pull_request", Map.of(
                "head", Map.of("ref", "feature", "repo", Map.of("full_name", REPOSITORY)),
                "base", Map.of("ref", "main", "repo", Map.of("full_name", REPOSITORY))));
        return List.of(
                new Scenario("a push to main", "push", "main", false,
                        github("push", "refs/heads/main", "", Map.of("ref", "refs/heads/main"))),
                new Scenario("a manual run on main", "workflow_dispatch", "main", false,
                        github("workflow_dispatch", "refs/heads/main", "", Map.of())),
                new Scenario("a scheduled run", "schedule", "main", false,
                        github("schedule", "refs/heads/main", "", Map.of())),
                new Scenario("a pull request from a branch of this repository", "pull_request", "main", false,
                        github("pull_request", "refs/pull/7/merge", "feature", ownPullRequest)),
                new Scenario("a pull request from a fork", "pull_request", "main", true,
                        github("pull_request", "refs/pull/7/merge", "main", forkPullRequest)),
                new Scenario("pull_request_target for a pull request from a fork", "pull_request_target", "main", true,
                        github("pull_request_target", "refs/heads/main", "main", forkPullRequest)),
                new Scenario("a workflow_run after CI of a push to main", "workflow_run", "main", false,
                        github("workflow_run", "refs/heads/main", "", workflowRun("push", REPOSITORY))),
                new Scenario("a workflow_run after CI of a fork's pull request from its branch main", "workflow_run",
                        "main", true, github("workflow_run", "refs/heads/main", "", workflowRun("pull_request", FORK))),
                new Scenario("a workflow_run after CI of a pull request (not a push) from this repository's main",
                        "workflow_run", "main", true,
                        github("workflow_run", "refs/heads/main", "", workflowRun("pull_request", REPOSITORY))));
    }

    private static Map<String, Object> workflowRun(String event, String headRepository) {
        return Map.of("workflow_run", Map.of("event", event, "head_branch", "main", "conclusion", "success",
                "head_sha", "0123456789abcdef0123456789abcdef01234567", "name", "CI",
                "head_repository", Map.of("full_name", headRepository),
                "repository", Map.of("full_name", REPOSITORY)));
    }

    private static Map<String, Object> github(String event, String ref, String headRef, Map<String, Object> payload) {
        Map<String, Object> github = new LinkedHashMap<>();
        github.put("event_name", event);
        github.put("repository", REPOSITORY);
        github.put("repository_owner", REPOSITORY.substring(0, REPOSITORY.indexOf('/')));
        github.put("ref", ref);
        github.put("ref_name", ref.substring(ref.lastIndexOf('/') + 1));
        github.put("head_ref", headRef);
        github.put("base_ref", headRef.isEmpty() ? "" : "main");
        github.put("sha", "0123456789abcdef0123456789abcdef01234567");
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("repository", Map.of("full_name", REPOSITORY));
        github.put("event", body);
        return github;
    }

    /** Every workflow of the repository by file name. */
    public static Map<String, Map<String, Object>> load(Path repoRoot) {
        Map<String, Map<String, Object>> workflows = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(repoRoot.resolve(".github/workflows"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                workflows.put(file.getFileName().toString(), Yaml.loadMap(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workflows;
    }

    /** The jobs that assume an AWS role or write to the repository. */
    public static List<GuardedJob> guardedJobs(Map<String, Map<String, Object>> workflows) {
        List<GuardedJob> guarded = new ArrayList<>();
        workflows.forEach((file, workflow) -> jobs(workflow).forEach((id, job) ->
                why(workflows, workflow, job).ifPresent(why -> guarded.add(new GuardedJob(file, id, why)))));
        return guarded;
    }

    /** Every way a guarded job can run for untrusted code, and every guarded job that never runs. */
    public static List<String> guardProblems(Path repoRoot) {
        Map<String, Map<String, Object>> workflows = load(repoRoot);
        List<String> problems = new ArrayList<>();
        for (GuardedJob guarded : guardedJobs(workflows)) {
            Map<String, Object> workflow = workflows.get(guarded.workflow());
            Map<String, Object> triggers = triggers(workflow);
            String name = ".github/workflows/" + guarded.workflow() + " job " + guarded.job() + " (" + guarded.why() + ")";
            if (triggers.keySet().equals(Set.of("workflow_call"))) {
                continue;
            }
            triggers.keySet().stream().filter(event -> !ANALYSED.contains(event)).forEach(event -> problems.add(
                    name + ": trigger " + event + " is not one this check knows to be safe"));
            boolean runsForOwnCode = false;
            for (Scenario scenario : scenarios()) {
                if (!triggers.containsKey(scenario.event()) || !branchMatches(triggers.get(scenario.event()), scenario.branch())) {
                    continue;
                }
                boolean runs;
                try {
                    runs = runs(jobs(workflow), guarded.job(), scenario, workflow);
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": cannot evaluate its condition: " + e.getMessage());
                    break;
                }
                if (runs && scenario.hostile()) {
                    problems.add(name + ": runs for " + scenario.description() + "; guard it on this repository's own"
                            + " pushes (github.event.workflow_run.event == 'push' && github.event.workflow_run"
                            + ".head_repository.full_name == github.repository, or"
                            + " github.event.pull_request.head.repo.full_name == github.repository)");
                }
                runsForOwnCode |= runs && !scenario.hostile();
            }
            if (!runsForOwnCode) {
                problems.add(name + ": runs for none of its triggers " + triggers.keySet());
            }
        }
        return problems;
    }

    private static Optional<String> why(Map<String, Map<String, Object>> workflows, Map<String, Object> workflow,
            Map<String, Object> job) {
        for (Map<String, Object> step : Yaml.list(job, "steps")) {
            if (String.valueOf(step.getOrDefault("uses", "")).startsWith("aws-actions/configure-aws-credentials")) {
                return Optional.of("assumes an AWS role");
            }
        }
        String uses = String.valueOf(job.getOrDefault("uses", ""));
        if (uses.startsWith("./.github/workflows/")) {
            Map<String, Object> called = workflows.get(uses.substring("./.github/workflows/".length()));
            if (called == null) {
                return Optional.of("calls the missing workflow " + uses);
            }
            boolean assumesRole = jobs(called).values().stream().anyMatch(j -> why(workflows, called, j).isPresent());
            if (assumesRole) {
                return Optional.of("calls " + uses + ", which assumes an AWS role");
            }
        }
        Object permissions = job.containsKey("permissions") ? job.get("permissions") : workflow.get("permissions");
        boolean writes = "write-all".equals(permissions)
                || permissions instanceof Map<?, ?> map && "write".equals(String.valueOf(map.get("contents")));
        return writes ? Optional.of("writes to the repository") : Optional.empty();
    }

    /** Whether the job runs: its {@code if:} (implicitly {@code success()}) with every needed job run. */
    static boolean runs(Map<String, Map<String, Object>> jobs, String id, Scenario scenario, Map<String, Object> workflow) {
        Map<String, Object> job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException("needs the missing job " + id);
        }
        List<String> needs = needs(job);
        ActionsExpression.Status status = function -> switch (function) {
            case "success" -> needs.stream().allMatch(need -> runs(jobs, need, scenario, workflow));
            case "failure" -> needs.stream().anyMatch(need -> runs(jobs, need, scenario, workflow));
            default -> true;
        };
        Object condition = job.get("if");
        if (condition == null) {
            return status.call("success");
        }
        if (condition instanceof Boolean b) {
            return b && status.call("success");
        }
        String text = String.valueOf(condition);
        Map<String, Object> contexts = new LinkedHashMap<>();
        contexts.put("github", scenario.github());
        contexts.put("vars", new ActionsExpression.AnyKey("configured"));
        contexts.put("secrets", new ActionsExpression.AnyKey("configured"));
        contexts.put("inputs", new ActionsExpression.AnyKey("configured"));
        contexts.put("env", Yaml.map(workflow, "env"));
        Map<String, Object> needed = new LinkedHashMap<>();
        needs.forEach(need -> needed.put(need, Map.of("result", "success", "outputs", new ActionsExpression.AnyKey("x"))));
        contexts.put("needs", needed);
        boolean value = ActionsExpression.truthy(ActionsExpression.evaluate(text, contexts, status));
        return ActionsExpression.checksStatus(text) ? value : value && status.call("success");
    }

    private static List<String> needs(Map<String, Object> job) {
        Object needs = job.get("needs");
        if (needs == null) {
            return List.of();
        }
        return needs instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(needs));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> jobs(Map<String, Object> workflow) {
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        Yaml.map(workflow, "jobs").forEach((id, job) -> jobs.put(id, Yaml.stringKeys((Map<?, ?>) job)));
        return jobs;
    }

    /** {@code on:} as event to its filters; YAML 1.1 reads the key {@code on} as {@code true}. */
    static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get("true");
        Map<String, Object> triggers = new LinkedHashMap<>();
        if (on instanceof String event) {
            triggers.put(event, Map.of());
        } else if (on instanceof List<?> events) {
            events.forEach(event -> triggers.put(String.valueOf(event), Map.of()));
        } else if (on instanceof Map<?, ?> map) {
            map.forEach((event, filters) -> triggers.put(String.valueOf(event), filters == null ? Map.of() : filters));
        }
        return triggers;
    }

    /** Whether the event's {@code branches}/{@code branches-ignore} filters let a run for this branch through. */
    private static boolean branchMatches(Object filters, String branch) {
        List<String> branches = Yaml.strings(filters, "branches");
        List<String> ignored = Yaml.strings(filters, "branches-ignore");
        boolean included = branches.isEmpty() || branches.stream().anyMatch(pattern -> glob(pattern, branch));
        return included && ignored.stream().noneMatch(pattern -> glob(pattern, branch));
    }

    private static boolean glob(String pattern, String branch) {
        String regex = pattern.replace(".", "\\.").replace("**", "\u0000").replace("*", "[^/]*").replace("\u0000", ".*");
        return branch.matches(regex);
    }
}
