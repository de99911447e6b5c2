package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
