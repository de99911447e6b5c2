package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverlayWiringTest {

    @Test
    void terraformsOutputTheCommittedEnvFileAndTheReplacementsNameTheSameKeys() {
        assertThat(OverlayWiring.terraformKeys(Repository.ROOT)).contains(
                "AWS_REGION", "BUCKET", "PROCESSING_QUEUE_URL", "DB_JDBC_URL", "DB_SECRET_ARN", "TOKEN_SECRET_ARN",
                "MS_VIDEO_ROLE_ARN", "VIDEO_WORKER_ROLE_ARN", "MS_NOTIFY_ROLE_ARN", "CERTIFICATE_ARN", "VPC_CIDR");
        assertThat(OverlayWiring.problems(Repository.ROOT)).isEmpty();
    }

    @Test
    void everyTerraformOutputReachesTheProdManifestsAndNoPlaceholderIsLeft(@TempDir Path copy) {
        Repository.requireKubectl();
        Repository.copy(copy, "infra/k8s", "infra/terraform/modules/framesmith");
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : OverlayWiring.terraformKeys(Repository.ROOT)) {
            values.put(key, switch (key) {
                case "AWS_REGION" -> "ap-southeast-2";
                case "VPC_CIDR" -> "10.42.0.0/16";
                case "PUBLIC_HOST" -> "videos.wired.example";
                case "SES_SENDER" -> "mail@wired.example";
                case "BUCKET" -> "wired-bucket-111122223333";
                case "PROCESSING_QUEUE_URL" -> "https://sqs.ap-southeast-2.amazonaws.com/111122223333/framesmith-video-processing";
                case "DB_JDBC_URL" -> "jdbc:postgresql://wired.rds.example:5432/auth?sslmode=require";
                default -> "arn:aws:wired:ap-southeast-2:111122223333:" + key.toLowerCase();
            });
        }
        Repository.write(OverlayWiring.envFile(copy),
                values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));

        String rendered = Kustomize.render(copy.resolve("infra/k8s/overlays/prod")).yaml();

        values.forEach((key, value) -> assertThat(rendered).as(key).contains(value));
        List<String> placeholders = rendered.lines()
                .filter(l -> l.contains("000000000000") || l.contains("eu-west-1") || l.contains("example.com"))
                .filter(l -> !l.trim().startsWith("image:"))
                .toList();
        assertThat(placeholders).as("values not taken from Terraform").isEmpty();
    }

    @Test
    void aKeyMissingFromTheEnvFileIsReported(@TempDir Path copy) {
        Repository.copy(copy, "infra/k8s/overlays/prod/aws-outputs", "infra/k8s/overlays/aws-dev/aws-outputs",
                "infra/k8s/aws/wiring", "infra/terraform/modules/framesmith");
        Path env = OverlayWiring.envFile(copy);
        Repository.write(env, Yaml.read(env).lines().filter(l -> !l.startsWith("VPC_CIDR=")).collect(Collectors.joining("\n")));

        assertThat(String.join("\n", OverlayWiring.problems(copy))).contains("aws.env: keys").contains("differ from Terraform's");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prod", "aws-dev"})
    void msAuthLogsInWithItsOwnLoginAndOnlyTheBootstrapJobReadsTheMasterLogin(String overlay) {
        Repository.requireKubectl();
        List<Manifest> manifests = Repository.render("infra/k8s/overlays/" + overlay).manifests();
        Map<String, String> outputs = OverlayWiring.envValues(OverlayWiring.envFile(Repository.ROOT, overlay));
        Map<String, String> sources = new LinkedHashMap<>();
        for (Manifest secret : Manifest.ofKind(manifests, "ExternalSecret")) {
            secret.list("spec", "data").stream().filter(d -> "password".equals(d.get("secretKey")))
                    .forEach(d -> sources.put("Secret/" + secret.string("spec", "target", "name").orElse(secret.name()),
                            Yaml.string(d, "remoteRef", "key").orElseThrow()));
        }
        Map<String, List<String>> readers = new LinkedHashMap<>();
        for (Manifest workload : manifests.stream().filter(m -> List.of("Deployment", "Job").contains(m.kind())).toList()) {
            SyncOrder.inputs(workload).stream().filter(sources::containsKey).forEach(secret ->
                    readers.computeIfAbsent(sources.get(secret), k -> new java.util.ArrayList<>()).add(workload.name()));
        }

        assertThat(readers.getOrDefault(outputs.get("DB_APP_SECRET_ARN"), List.of()))
                .as("workloads logging in as ms-auth's own user").containsExactlyInAnyOrder("ms-auth", "ms-auth-db-bootstrap");
        assertThat(readers.getOrDefault(outputs.get("DB_SECRET_ARN"), List.of()))
                .as("workloads logging in as the RDS master user").containsExactly("ms-auth-db-bootstrap");
    }
}
