package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CI roles of the bootstrap, evaluated like IAM does, and the cluster's access entries. */
class TerraformRolesTest {

    private static final String STATE = "arn:aws:s3:::framesmith-tfstate";
    private static final String LOCKS = "arn:aws:dynamodb:eu-west-1:111122223333:table/framesmith-terraform-locks";

    /** AWS's ReadOnlyAccess, as far as data goes: every Get, List, Describe, BatchGet, Query, Scan and Receive. */
    private static final IamPolicy READ_ONLY_ACCESS = new IamPolicy(List.of(new IamPolicy.Statement("ReadOnlyAccess",
            "", true, List.of("*:Get*", "*:List*", "*:Describe*", "*:BatchGet*", "dynamodb:Query", "dynamodb:Scan",
            "sqs:Receive*"), List.of("*"), List.of())));

    @Test
    void thePlanRoleReadsTheStateAndConfigurationButNeverWritesTheStateOrReadsUserData() {
        IamPolicy plan = planRole();

        assertThat(plan.allows("s3:GetObject", STATE + "/prod/terraform.tfstate")).isTrue();
        assertThat(plan.allows("dynamodb:PutItem", LOCKS)).isTrue();
        assertThat(plan.allows("ec2:DescribeVpcs", "*")).isTrue();
        assertThat(plan.allows("s3:PutObject", STATE + "/prod/terraform.tfstate")).isFalse();
        assertThat(plan.allows("s3:DeleteObject", STATE + "/prod/terraform.tfstate")).isFalse();
        assertThat(plan.allows("s3:GetObject", "arn:aws:s3:::framesmith-videos/raw/u/v/source")).isFalse();
        assertThat(plan.allows("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/framesmith-videos")).isFalse();
        assertThat(plan.allows("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111122223333:table/framesmith-videos/index/byUser")).isFalse();
        assertThat(plan.allows("sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:111122223333:framesmith-notifications")).isFalse();
        assertThat(plan.allows("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x")).isFalse();
    }

    /** Every policy document attached to the terraform-plan role by aws_iam_role_policy, plus ReadOnlyAccess. */
    private static IamPolicy planRole() {
        Hcl hcl = new Hcl(Yaml.read(Repository.path("infra/terraform/bootstrap/main.tf")));
        IamPolicy policy = READ_ONLY_ACCESS;
        for (Hcl.Block resource : hcl.blocks("resource")) {
            if (!resource.label(0).equals("aws_iam_role_policy")) {
                continue;
            }
            Map<String, String> values = hcl.attributeValues(resource);
            String role = values.getOrDefault("role", "");
            boolean plan = role.contains("\"terraform-plan\"")
                    || (role.contains("each.key") && values.getOrDefault("for_each", "").contains("\"terraform-plan\""));
            if (plan) {
                String document = values.get("policy").replaceAll("data\\.aws_iam_policy_document\\.(\\w+)\\.json", "$1");
                policy = policy.and(IamPolicy.document(hcl, document, reference -> switch (reference) {
                    case "aws_s3_bucket.state.arn" -> List.of(STATE);
                    case "aws_dynamodb_table.locks.arn" -> List.of(LOCKS);
                    default -> throw new IllegalArgumentException("no example for " + reference);
                }));
            }
        }
        return policy;
    }

    @Test
    void clusterAdminsComeOnlyFromTheAccessEntriesAndTheirArnsAreChecked() {
        Hcl eks = new Hcl(Yaml.read(Repository.path("infra/terraform/modules/eks/main.tf")));
        String access = eks.blocks("resource").stream().filter(b -> b.label(0).equals("aws_eks_cluster"))
                .flatMap(b -> eks.blocks(b).stream()).filter(b -> b.type().equals("access_config"))
                .map(b -> eks.attributeValues(b).get("bootstrap_cluster_creator_admin_permissions")).findFirst().orElseThrow();
        assertThat(access).as("the creator is listed as admin too: 409 on the access entry").isEqualTo("false");

        Hcl variables = new Hcl(Yaml.read(Repository.path("infra/terraform/modules/eks/variables.tf")));
        Hcl.Block variable = variables.blocks("variable").stream().filter(b -> b.label(0).equals("admin_principal_arns"))
                .findFirst().orElseThrow();
        String condition = variables.blocks(variable).stream().filter(b -> b.type().equals("validation"))
                .map(b -> variables.attributeValues(b).get("condition")).findFirst().orElseThrow();
        List<Pattern> accepted = new ArrayList<>();
        List<Pattern> refused = new ArrayList<>();
        var matcher = Pattern.compile("(!?)can\\(regex\\(\"((?:[^\"\\\\]|\\\\.)*)\", arn\\)\\)").matcher(condition);
        while (matcher.find()) {
            (matcher.group(1).isEmpty() ? accepted : refused).add(Pattern.compile(matcher.group(2).replace("\\\\", "\\")));
        }
        assertThat(accepted).isNotEmpty();
        assertThat(valid(accepted, refused, "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef")).isTrue();
        assertThat(valid(accepted, refused, "arn:aws:iam::123456789012:role/framesmith-github-terraform-apply")).isTrue();
        assertThat(valid(accepted, refused, "arn:aws:iam::123456789012:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef")).isFalse();
        assertThat(valid(accepted, refused, "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/ada")).isFalse();
        for (String env : List.of("dev", "prod")) {
            String example = Yaml.read(Repository.path("infra/terraform/environments/" + env + "/terraform.tfvars.example"));
            var arns = Pattern.compile("\"(arn:aws:iam::[^\"]+)\"").matcher(example);
            while (arns.find()) {
                assertThat(valid(accepted, refused, arns.group(1))).as(env + " example " + arns.group(1)).isTrue();
            }
        }
    }

    private static boolean valid(List<Pattern> accepted, List<Pattern> refused, String arn) {
        return accepted.stream().allMatch(p -> p.matcher(arn).find()) && refused.stream().noneMatch(p -> p.matcher(arn).find());
    }

    @Test
    void everyHpaOnResourceMetricsHasMetricsServerInTheCluster() {
        Repository.assumeKubectl();
        boolean resourceMetrics = Manifest.ofKind(Repository.render("infra/k8s/overlays/prod").manifests(), "HorizontalPodAutoscaler")
                .stream().flatMap(h -> h.list("spec", "metrics").stream()).anyMatch(m -> "Resource".equals(m.get("type")));
        Hcl eks = new Hcl(Yaml.read(Repository.path("infra/terraform/modules/eks/main.tf")));
        String addons = eks.blocks("resource").stream().filter(b -> b.label(0).equals("aws_eks_addon"))
                .map(b -> eks.attributeValues(b).get("for_each")).findFirst().orElse("");

        assertThat(resourceMetrics).isTrue();
        assertThat(IamPolicy.evaluate(addons.replaceFirst("^toset\\((.*)\\)$", "$1"), r -> List.of()))
                .as("EKS add-ons").contains("metrics-server");
    }

    @Test
    void theVideosTableExpiresItemsOnTheAttributeMsVideoSetsInTerraformAndLocalStack() {
        String tables = Yaml.read(Repository.path("infra/terraform/modules/framesmith/main.tf"));
        var terraform = Pattern.compile("name\\s*=\\s*\"framesmith-videos\"\\s*hash_key\\s*=\\s*\"id\"\\s*(?:#[^\\n]*\\n\\s*)*ttl_attribute\\s*=\\s*\"(\\w+)\"")
                .matcher(tables);
        var script = Pattern.compile("update-time-to-live --table-name=framesmith-videos\\s*\\\\?\\s*--time-to-live-specification Enabled=true,AttributeName=(\\w+)")
                .matcher(Yaml.read(Repository.path("infra/k8s/overlays/dev/localstack/init-aws.sh")));
        String module = Yaml.read(Repository.path("infra/terraform/modules/dynamodb/main.tf"));
        String video = Yaml.read(Repository.path("ms-video/src/main/java/dev/framesmith/video/catalog/Video.java"));

        assertThat(terraform.find()).as("Terraform's videos table has a ttl_attribute").isTrue();
        assertThat(script.find()).as("the LocalStack init script enables TTL on framesmith-videos").isTrue();
        assertThat(script.group(1)).isEqualTo(terraform.group(1));
        assertThat(module).contains("attribute_name = ttl.value");
        assertThat(video).contains("set" + Character.toUpperCase(terraform.group(1).charAt(0)) + terraform.group(1).substring(1) + "(");
    }

}
