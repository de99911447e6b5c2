package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformTest {

    private static final Path TERRAFORM = Repository.path("infra/terraform");

    @Test
    void everyConfigurationIsFormatted() {
        Repository.requireTerraform();

        Processes.Result result = Terraform.formatCheck(TERRAFORM);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void anUnformattedCopyFailsTheFormatCheck(@TempDir Path copy) {
        Repository.requireTerraform();
        Repository.copy(copy, "infra/terraform/modules/sqs");
        Path main = copy.resolve("infra/terraform/modules/sqs/main.tf");
        Repository.replace(main, "  receive_wait_time_seconds  = 20", "receive_wait_time_seconds=20");

        Processes.Result result = Terraform.formatCheck(copy.resolve("infra/terraform"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("main.tf");
    }

    @Test
    void theModulesAndEnvironmentsAreAllChecked() {
        assertThat(Terraform.configurationDirectories(TERRAFORM).stream().map(Repository::relative)).contains(
                "infra/terraform/bootstrap",
                "infra/terraform/environments/dev",
                "infra/terraform/environments/prod",
                "infra/terraform/modules/vpc",
                "infra/terraform/modules/eks",
                "infra/terraform/modules/ecr",
                "infra/terraform/modules/rds",
                "infra/terraform/modules/s3",
                "infra/terraform/modules/sqs",
                "infra/terraform/modules/dynamodb",
                "infra/terraform/modules/ses",
                "infra/terraform/modules/iam",
                "infra/terraform/modules/framesmith");
    }

    @Test
    void everyVariableAndOutputIsDocumentedAndEveryVariableIsUsed() {
        List<String> problems = new ArrayList<>();
        for (Path directory : Terraform.configurationDirectories(TERRAFORM)) {
            problems.addAll(Terraform.variableProblems(directory));
            problems.addAll(Terraform.outputProblems(directory));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyModuleCallMatchesTheCalledModule() {
        List<String> problems = new ArrayList<>();
        for (Path directory : Terraform.configurationDirectories(TERRAFORM)) {
            problems.addAll(Terraform.moduleProblems(directory));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void anUndocumentedUnusedVariableAndAnUndocumentedOutputAreReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/terraform/modules/s3");
        Path module = copy.resolve("infra/terraform/modules/s3");
        Repository.write(module.resolve("extra.tf"), """
                variable "versioning" {
                  type    = bool
                  default = false
                }

                output "bucket_region" {
                  value = aws_s3_bucket.this.region
                }
                """);

        List<String> problems = new ArrayList<>(Terraform.variableProblems(module));
        problems.addAll(Terraform.outputProblems(module));

        assertThat(problems).hasSize(3);
        assertThat(String.join("\n", problems))
                .contains("variable \"versioning\" has no description")
                .contains("variable \"versioning\" is declared but never used")
                .contains("output \"bucket_region\" has no description");
    }

    @Test
    void aModuleCallWithAWrongArgumentOrAMissingOutputIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/terraform");
        Path stack = copy.resolve("infra/terraform/modules/framesmith");
        Repository.replace(stack.resolve("main.tf"), "  bucket_name            = var.bucket_name", "  bucket                 = var.bucket_name");
        Repository.replace(stack.resolve("outputs.tf"), "module.ecr.registry", "module.ecr.registry_url");

        List<String> problems = Terraform.moduleProblems(stack);

        assertThat(String.join("\n", problems))
                .contains("module \"s3\": argument \"bucket\" is not a variable")
                .contains("module \"s3\": required variable \"bucket_name\"")
                .contains("module.ecr has no output \"registry_url\"");
    }
}
