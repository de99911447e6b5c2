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
    private static final String VIDEOS = "arn:aws:s3:::framesmith-videos";
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

    /** AWS's ReadOnlyAccess, as far as data goes: every Get, List, Describe, BatchGet, Query, Scan and Receive. */
    private static final IamPolicy READ_ONLY_ACCESS = new IamPolicy(List.of(new IamPolicy.Statement("ReadOnlyAccess",
            "", true, List.of("*:Get*", "*:List*", "*:Describe*", "*:BatchGet*", "dynamodb:Query", "dynamodb:Scan",
            "dynamodb:PartiQLSelect", "sqs:Receive*"), List.of("*"), List.of())));

    private static final IamPolicy ADMINISTRATOR_ACCESS = new IamPolicy(List.of(new IamPolicy.Statement(
            "AdministratorAccess", "", true, List.of("*"), List.of("*"), List.of())));

    /**
     * The key policy of the AWS managed key aws/s3, which the state bucket's default encryption uses: every principal
     * of the account may use it through S3, whatever its own policies allow, so only an explicit deny keeps a role out.
     */
    private static final IamPolicy AWS_S3_KEY_POLICY = new IamPolicy(List.of(new IamPolicy.Statement("aws/s3", "", true,
            List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"),
            List.of("*"), List.of(), List.of(
                    new IamPolicy.Condition("StringEquals", "kms:ViaService", List.of("s3.eu-west-1.amazonaws.com")),
                    new IamPolicy.Condition("StringEquals", "kms:CallerAccount", List.of("111122223333"))))));

    /** The request context of the kms:Decrypt that S3 makes with the reader's credentials for an SSE-KMS object. */
    private static Map<String, String> decryptThroughS3(String encryptionContextArn) {
        return Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com", "kms:CallerAccount", "111122223333",
                "kms:EncryptionContext:aws:s3:arn", encryptionContextArn);
    }

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
        // Reads of data that ReadOnlyAccess grants under other names: a PartiQL select, a parameter's history, one log
        // record or a query's results.
        assertThat(plan.allows("dynamodb:PartiQLSelect", "arn:aws:dynamodb:eu-west-1:111122223333:table/framesmith-videos")).isFalse();
        assertThat(plan.allows("ssm:GetParameterHistory", "arn:aws:ssm:eu-west-1:111122223333:parameter/x")).isFalse();
        assertThat(plan.allows("logs:GetLogRecord", "*")).isFalse();
        assertThat(plan.allows("logs:GetQueryResults", "*")).isFalse();
    }

    @Test
    void thePlanRoleDecryptsTheStateThroughS3AndNothingElse() {
        Hcl hcl = new Hcl(Yaml.read(Repository.path("infra/terraform/bootstrap/main.tf")));
        Map<String, String> encryption = hcl.blocks("resource").stream()
                .filter(b -> b.label(0).equals("aws_s3_bucket_server_side_encryption_configuration") && b.label(1).equals("state"))
                .flatMap(b -> hcl.blocks(b).stream()).filter(b -> b.type().equals("rule"))
                .flatMap(b -> hcl.blocks(b).stream()).filter(b -> b.type().equals("apply_server_side_encryption_by_default"))
                .map(hcl::attributeValues).findFirst().orElseThrow();
        assertThat(encryption.get("sse_algorithm")).isEqualTo("\"aws:kms\"");
        assertThat(encryption).as("the key policy modelled here is the AWS managed key's").doesNotContainKey("kms_master_key_id");

        IamPolicy plan = planRole();
        IamPolicy planWithKeyPolicy = plan.and(AWS_S3_KEY_POLICY);
        // With an S3 Bucket Key (the bootstrap's setting) the encryption context is the bucket's ARN, else the object's.
        for (String context : List.of(STATE, STATE + "/framesmith/prod/terraform.tfstate")) {
            assertThat(plan.allows("kms:Decrypt", KEY, decryptThroughS3(context))).as(context).isTrue();
            assertThat(planWithKeyPolicy.allows("kms:Decrypt", KEY, decryptThroughS3(context))).as(context).isTrue();
        }
        // aws/s3 lets the whole account decrypt through S3: the plan role's deny is what keeps it out of the data.
        assertThat(planWithKeyPolicy.allows("kms:Decrypt", KEY, decryptThroughS3(VIDEOS))).isFalse();
        assertThat(planWithKeyPolicy.allows("kms:Decrypt", KEY, decryptThroughS3(VIDEOS + "/raw/u/v/source"))).isFalse();
        assertThat(planWithKeyPolicy.allows("kms:Decrypt", KEY, decryptThroughS3(STATE + "-copy"))).isFalse();
        // A key whose policy lets the account use it for anything: secret values, parameters, a direct call.
        IamPolicy planWithOpenKey = plan.and(new IamPolicy(List.of(new IamPolicy.Statement("open key", "", true,
                List.of("kms:*"), List.of("*"), List.of()))));
        assertThat(planWithOpenKey.allows("kms:Decrypt", KEY, Map.of("kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com",
                "kms:EncryptionContext:SecretARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x"))).isFalse();
        assertThat(planWithOpenKey.allows("kms:Decrypt", KEY, Map.of())).isFalse();
        assertThat(plan.allows("kms:Decrypt", KEY, Map.of("kms:EncryptionContext:aws:s3:arn", STATE))).as("not through S3").isFalse();
    }

    @Test
    void theApplyRoleReadsAndWritesTheState() {
        IamPolicy apply = role("terraform-apply", ADMINISTRATOR_ACCESS);

        assertThat(apply.allows("s3:GetObject", STATE + "/framesmith/prod/terraform.tfstate")).isTrue();
        assertThat(apply.allows("s3:PutObject", STATE + "/framesmith/prod/terraform.tfstate")).isTrue();
        assertThat(apply.allows("kms:Decrypt", KEY, decryptThroughS3(STATE))).isTrue();
        assertThat(apply.allows("dynamodb:PutItem", LOCKS)).isTrue();
    }

    private static IamPolicy planRole() {
        return role("terraform-plan", READ_ONLY_ACCESS);
    }

    /** Every policy document attached by aws_iam_role_policy to the bootstrap's GitHub role, plus its managed policy. */
    private static IamPolicy role(String key, IamPolicy managed) {
        Hcl hcl = new Hcl(Yaml.read(Repository.path("infra/terraform/bootstrap/main.tf")));
        IamPolicy policy = managed;
        for (Hcl.Block resource : hcl.blocks("resource")) {
            if (!resource.label(0).equals("aws_iam_role_policy")) {
                continue;
            }
            Map<String, String> values = hcl.attributeValues(resource);
            String role = values.getOrDefault("role", "");
            boolean attached = role.contains("\"" + key + "\"")
                    || (role.contains("each.key") && values.getOrDefault("for_each", "").contains("\"" + key + "\""));
            if (attached) {
                String document = values.get("policy").replaceAll("data\\.aws_iam_policy_document\\.(\\w+)\\.json", "$1");
                policy = policy.and(IamPolicy.document(hcl, document, reference -> switch (reference) {
                    case "aws_s3_bucket.state.arn" -> List.of(STATE);
                    case "aws_dynamodb_table.locks.arn" -> List.of(LOCKS);
                    case "var.region" -> List.of("eu-west-1");
                    case "data.aws_caller_identity.current.account_id" -> List.of("111122223333");
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

    /** That ms-video writes the purge time on this attribute, as a number, is proven in its VideoStoreTest. */
    @Test
    void theVideosTableExpiresItemsOnTheSameAttributeInTerraformAndLocalStack() {
        String tables = Yaml.read(Repository.path("infra/terraform/modules/framesmith/main.tf"));
        var terraform = Pattern.compile("name\\s*=\\s*\"framesmith-videos\"\\s*hash_key\\s*=\\s*\"id\"\\s*(?:#[^\\n]*\\n\\s*)*ttl_attribute\\s*=\\s*\"(\\w+)\"")
                .matcher(tables);
        var script = Pattern.compile("update-time-to-live --table-name=framesmith-videos\\s*\\\\?\\s*--time-to-live-specification Enabled=true,AttributeName=(\\w+)")
                .matcher(Yaml.read(Repository.path("infra/k8s/overlays/dev/localstack/init-aws.sh")));
        String module = Yaml.read(Repository.path("infra/terraform/modules/dynamodb/main.tf"));

        assertThat(terraform.find()).as("Terraform's videos table has a ttl_attribute").isTrue();
        assertThat(script.find()).as("the LocalStack init script enables TTL on framesmith-videos").isTrue();
        assertThat(script.group(1)).isEqualTo(terraform.group(1));
        assertThat(module).contains("attribute_name = ttl.value");
    }

}
