package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/deploy.md is followed command by command: what it reads and names must exist. */
class DeployGuideTest {

    private static final String GUIDE = Yaml.read(Repository.path("docs/deploy.md"));

    @Test
    void everyTerraformOutputTheGuideReadsIsAnOutputOfTheEnvironmentsAndTheBootstrap() {
        Set<String> outputs = new TreeSet<>();
        for (String module : new String[] {"environments/prod", "environments/dev", "bootstrap"}) {
            Hcl hcl = new Hcl(Yaml.read(Repository.path("infra/terraform/" + module + "/outputs.tf")));
            hcl.blocks("output").forEach(block -> outputs.add(block.label(0)));
        }
        Set<String> read = new TreeSet<>();
        Matcher matcher = Pattern.compile("terraform [^\\n|]*?output (?:-raw |-json )?([a-z0-9_]+)").matcher(GUIDE);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }

        assertThat(read).contains("k8s_overlay_env", "auth_db_app_secret_arn", "token_signing_key_secret_arn",
                "role_arns", "state_bucket", "github_role_arns");
        assertThat(outputs).containsAll(read);
    }

    /**
     * Step 1 run as written (without the two GitHub CLI lines) in a clone of a copy of {@code infra/argocd}: what it
     * pushes to {@code main}, which Argo CD reads, names the copy as the source of every Application and project.
     */
    @Test
    void stepOnePushesApplicationsThatDeployFromTheCopy(@TempDir Path dir) {
        Matcher block = Pattern.compile("(?s)```bash\n(\\s*gh repo fork.*?)\n\\s*```").matcher(GUIDE);
        assertThat(block.find()).as("step 1's commands").isTrue();
        String step = block.group(1).lines().map(String::strip)
                .filter(line -> !line.startsWith("gh ") && !line.startsWith("OWNER_REPO="))
                .collect(Collectors.joining("\n"));
        Repository.copy(dir.resolve("work"), "infra/argocd");
        String script = String.join("\n",
                "set -euo pipefail",
                "export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t"
                        + " GIT_COMMITTER_EMAIL=t@example.com",
                "git init -q --bare -b main ../origin.git",
                "git init -q -b main . && git add -A && git commit -q -m copy",
                "git remote add origin ../origin.git && git push -q origin main",
                "OWNER_REPO=example/framesmith-copy",
                step);

        Processes.Result ran = Processes.run(dir.resolve("work"), Duration.ofMinutes(1), List.of("bash", "-c", script));

        assertThat(ran.succeeded()).as(ran.output()).isTrue();
        Path origin = dir.resolve("origin.git");
        List<String> files = git(origin, "ls-tree", "-r", "--name-only", "main", "infra/argocd").lines().toList();
        assertThat(files).contains("infra/argocd/bootstrap/root.yaml", "infra/argocd/apps/ms-video.yaml");
        Set<String> sources = new TreeSet<>();
        for (String file : files) {
            for (Manifest manifest : Manifest.parseAll(git(origin, "show", "main:" + file))) {
                manifest.string("spec", "source", "repoURL").ifPresent(sources::add);
                manifest.at("spec", "sourceRepos").ifPresent(repos -> ((List<?>) repos)
                        .forEach(repo -> sources.add(String.valueOf(repo))));
            }
        }
        assertThat(sources).containsExactly("https://github.com/example/framesmith-copy.git");
    }

    private static String git(Path gitDir, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        command.addAll(List.of(arguments));
        Processes.Result result = Processes.run(gitDir, Duration.ofSeconds(30), command);
        assertThat(result.succeeded()).as(result.output()).isTrue();
        return result.output();
    }

    /** The alerts listed under Monitoring are those of the rules, in their order. */
    @Test
    void theMonitoringSectionListsEveryAlertOfTheRules() {
        List<String> rules = new ArrayList<>();
        for (Map<String, Object> group : Yaml.list(Yaml.loadMap(Monitoring.composeRules(Repository.ROOT)), "groups")) {
            Yaml.list(group, "rules").forEach(rule -> Yaml.string(rule, "alert").ifPresent(rules::add));
        }
        int section = GUIDE.indexOf("\n### Monitoring\n");
        assertThat(section).as("the Monitoring section").isNotNegative();
        String monitoring = GUIDE.substring(section, GUIDE.indexOf("\n### ", section + 1));
        List<String> listed = Pattern.compile("(?m)^- `(\\w+)`: ").matcher(monitoring).results()
                .map(alert -> alert.group(1)).toList();

        assertThat(rules).contains("FramesmithMailSendingPaused");
        assertThat(listed).containsExactlyElementsOf(rules);
    }

    @Test
    void everyRepositoryPathTheGuideNamesExists() {
        Set<String> missing = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?<![\\w/.-])((?:infra|deploy|docs|\\.github)/[\\w./-]*[\\w])").matcher(GUIDE);
        while (matcher.find()) {
            if (!Files.exists(Repository.path(matcher.group(1)))) {
                missing.add(matcher.group(1));
            }
        }

        assertThat(missing).isEmpty();
    }
}
