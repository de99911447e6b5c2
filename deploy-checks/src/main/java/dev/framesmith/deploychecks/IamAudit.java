package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares what each service really does in AWS with what its IRSA role allows. The services' tests record every
 * AWS operation their own code sends to the emulators (test-support's AwsCallRecorder writes
 * {@code <module>/target/aws-calls/*.tsv}); each operation becomes an IAM action on a resource of this account
 * (queue, bucket and key prefix, table, index, SES identity), and the role's policy in
 * {@code infra/terraform/modules/iam} must allow it. A call it does not allow fails the audit, naming the call
 * site; so does a grant no call uses (least privilege both ways). Without a recording the audit cannot run, and says
 * so: it never passes on nothing.
 */
public final class IamAudit {

    /** The services that call AWS, each with its IRSA role. */
    public static final List<String> SERVICES = List.of("ms-auth", "ms-video", "video-worker", "ms-notify");

    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String BUCKET_ARN = "arn:aws:s3:::framesmith-videos";
    static final String SES_IDENTITY_ARN = "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":identity/framesmith.example.com";
    /** The From address: what ms-notify is configured with is what Terraform verified (OverlayWiring checks it). */
    static final String SES_SENDER = "noreply@framesmith.example.com";
    static final String SES_CONFIGURATION_SET_ARN = "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":configuration-set/framesmith-prod";

    /** Only with provisioning enabled (local run and tests); in AWS, Terraform creates these resources. */
    private static final Set<String> PROVISIONERS = Set.of("dev.framesmith.support.aws.QueueProvisioner",
            "dev.framesmith.support.aws.BucketProvisioner", "dev.framesmith.support.aws.TableProvisioner");
    /** The header line naming the tests a recording comes from (empty, or unresolved, for all of them). */
    private static final String SELECTION = "#\tselection\t";
    /** The code whose AWS calls a service's recording shows. */
    private static final List<String> SOURCES = List.of("{service}/src/main", "service-support/src/main",
            "shared-contracts/src/main");
    private static final Pattern NAMED = Pattern.compile("(\\w+)\\s*=\\s*\\{\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern POLICY = Pattern.compile("([\\w-]+)\\s*=\\s*data\\.aws_iam_policy_document\\.(\\w+)\\.json");

    /** One recorded operation: {@code Sqs ReceiveMessage queue processing - <call site>}. */
    public record Call(String service, String operation, String kind, String role, String detail, String site) {

        static Call parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("not a recorded AWS call: " + line);
            }
            return new Call(f[0], f[1], f[2], f[3], f[4], f[5]);
        }
    }

    /** An IAM action on a resource, with the request's condition keys. */
    public record Permission(String action, String resource, Map<String, String> context) {

        Permission(String action, String resource) {
            this(action, resource, Map.of());
        }

        @Override
        public String toString() {
            return action + " on " + resource + (context.isEmpty() ? "" : " with " + new TreeMap<>(context));
        }
    }

    /** What the audit found for one service. */
    public record Result(String service, List<String> missing, List<String> extra) {
    }

    private IamAudit() {
    }

    /** The recorded calls of a service module; empty when its tests have not run. */
    public static List<Call> recording(Path repoRoot, String service) {
        Set<Call> calls = new LinkedHashSet<>();
        for (Path file : recordingFiles(repoRoot, service)) {
            lines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).map(Call::parse)
                    .forEach(calls::add);
        }
        return List.copyOf(calls);
    }

    /**
     * Problems that keep the audit from running: no recording, a recording of part of the tests ({@code -Dtest=...}),
     * or one older than the code it should show (the service's, or the shared service-support and contracts).
     */
    public static List<String> recordingProblems(Path repoRoot, String service) {
        Path directory = repoRoot.resolve(service).resolve("target/aws-calls");
        String rerun = "; run its tests first (./mvnw -B verify -pl emulators/server," + service + ",deploy-checks -am): the IAM audit"
                + " compares what they record with the IAM policies";
        if (recording(repoRoot, service).isEmpty()) {
            return List.of(service + ": no recording of its AWS calls in " + directory + rerun);
        }
        List<String> problems = new ArrayList<>();
        long sources = SOURCES.stream().map(s -> s.replace("{service}", service)).map(repoRoot::resolve)
                .filter(Files::isDirectory).mapToLong(IamAudit::newest).max().orElse(0);
        for (Path file : recordingFiles(repoRoot, service)) {
            String selection = lines(file).stream().filter(line -> line.startsWith(SELECTION)).findFirst()
                    .map(line -> line.substring(SELECTION.length()).strip()).orElse("");
            if (!selection.isEmpty() && !selection.startsWith("${")) {
                problems.add(service + ": " + directory.relativize(file) + " records only the tests " + selection + rerun);
            }
            if (file.toFile().lastModified() < sources) {
                problems.add(service + ": " + directory.relativize(file) + " is older than the code it records" + rerun);
            }
        }
        return problems;
    }

    private static List<Path> recordingFiles(Path repoRoot, String service) {
        Path directory = repoRoot.resolve(service).resolve("target/aws-calls");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Audits one service's recording against its role's policy in {@code <terraformRoot>/modules/iam}. */
    public static Result audit(String service, List<Call> calls, Path terraformRoot, List<String> sesRecipients) {
        Map<Permission, Set<String>> needed = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> queues = named(terraformRoot, "queues");
        Map<String, String> tables = named(terraformRoot, "tables");
        for (Call call : calls) {
            if (PROVISIONERS.stream().anyMatch(call.site()::startsWith)) {
                continue;
            }
            try {
                for (Permission permission : permissions(call, queues, tables)) {
                    needed.computeIfAbsent(permission, k -> new TreeSet<>())
                            .add(call.service() + " " + call.operation() + " at " + call.site());
                }
            } catch (IllegalArgumentException e) {
                missing.add(service + ": " + e.getMessage() + " (" + call.service() + " " + call.operation() + " at "
                        + call.site() + ")");
            }
        }
        IamPolicy policy = policy(terraformRoot, service, sesRecipients);
        needed.forEach((permission, sites) -> {
            if (!policy.allows(permission.action(), permission.resource(), permission.context())) {
                missing.add(service + ": the role does not allow " + permission + ", needed by "
                        + String.join("; ", sites));
            }
        });
        List<String> extra = new ArrayList<>();
        for (IamPolicy.Statement statement : policy.statements()) {
            if (!statement.allow()) {
                continue;
            }
            for (String action : statement.actions()) {
                IamPolicy single = new IamPolicy(List.of(new IamPolicy.Statement(statement.document(), statement.sid(),
                        true, List.of(action), statement.resources(), statement.notResources(), statement.conditions())));
                boolean used = needed.keySet().stream()
                        .anyMatch(p -> single.allows(p.action(), p.resource(), p.context()));
                if (!used) {
                    extra.add(service + ": " + statement.name() + " grants " + action + " on " + statement.resources()
                            + ", which no recorded call uses");
                }
            }
        }
        missing.sort(null);
        return new Result(service, missing, extra);
    }

    /** The policy of a service account's role: {@code locals.policies} in modules/iam maps it to its document. */
    public static IamPolicy policy(Path terraformRoot, String serviceAccount, List<String> sesRecipients) {
        Path iam = terraformRoot.resolve("modules/iam");
        Map<String, String> queues = named(terraformRoot, "queues");
        Map<String, String> tables = named(terraformRoot, "tables");
        for (Hcl hcl : Terraform.load(iam).values()) {
            Matcher matcher = POLICY.matcher(hcl.withoutComments());
            while (matcher.find()) {
                if (matcher.group(1).equals(serviceAccount)) {
                    return documentIn(iam, matcher.group(2), reference -> bind(reference, queues, tables, sesRecipients));
                }
            }
        }
        throw new IllegalArgumentException("modules/iam has no policy for " + serviceAccount);
    }

    /** The document wherever it is in the module, its {@code local.*} references resolved across the module's files. */
    private static IamPolicy documentIn(Path module, String document,
            java.util.function.Function<String, List<String>> bind) {
        Map<String, String> locals = new LinkedHashMap<>();
        Terraform.load(module).values().forEach(hcl -> hcl.blocks("locals").forEach(b -> locals.putAll(hcl.attributeValues(b))));
        java.util.function.Function<String, List<String>> withLocals = new java.util.function.Function<>() {
            @Override
            public List<String> apply(String reference) {
                String local = reference.startsWith("local.") ? locals.get(reference.substring(6)) : null;
                return local == null ? bind.apply(reference) : IamPolicy.evaluate(local, this);
            }
        };
        for (Hcl hcl : Terraform.load(module).values()) {
            boolean declared = hcl.blocks("data").stream()
                    .anyMatch(b -> b.label(0).equals("aws_iam_policy_document") && b.label(1).equals(document));
            if (declared) {
                return IamPolicy.document(hcl, document, withLocals);
            }
        }
        throw new IllegalArgumentException(module + " has no aws_iam_policy_document \"" + document + "\"");
    }

    /** The example ARNs the iam module's variables stand for, from the names modules/framesmith gives. */
    private static List<String> bind(String reference, Map<String, String> queues, Map<String, String> tables,
            List<String> sesRecipients) {
        Matcher keyed = Pattern.compile("var\\.(\\w+)\\[\"(\\w+)\"]").matcher(reference);
        if (keyed.matches()) {
            String key = keyed.group(2);
            return switch (keyed.group(1)) {
                case "queue_arns" -> List.of(queueArn(require(queues, key)));
                case "dead_letter_queue_arns" -> List.of(queueArn(require(queues, key) + "-dlq"));
                case "table_arns" -> List.of(tableArn(require(tables, key)));
                default -> throw new IllegalArgumentException("no example for " + reference);
            };
        }
        return switch (reference) {
            case "var.bucket_arn" -> List.of(BUCKET_ARN);
            case "var.ses_identity_arn" -> List.of(SES_IDENTITY_ARN);
            case "var.ses_configuration_set_arn" -> List.of(SES_CONFIGURATION_SET_ARN);
            case "var.ses_recipient_identity_arns" -> sesRecipients.stream()
                    .map(address -> "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":identity/" + address).toList();
            case "var.ses_sender_address" -> List.of(SES_SENDER);
            default -> throw new IllegalArgumentException("no example value for " + reference);
        };
    }

    private static String require(Map<String, String> names, String key) {
        String name = names.get(key);
        if (name == null) {
            throw new IllegalArgumentException("modules/framesmith names no resource \"" + key + "\" " + names.keySet());
        }
        return name;
    }

    /** The IAM actions and example resources one recorded call needs. */
    static List<Permission> permissions(Call call, Map<String, String> queues, Map<String, String> tables) {
        String op = call.operation();
        return switch (call.service().toLowerCase(Locale.ROOT)) {
            case "sqs" -> {
                String role = call.role();
                boolean dlq = role.endsWith("-dlq");
                String name = require(queues, unknown(dlq ? role.substring(0, role.length() - 4) : role)) + (dlq ? "-dlq" : "");
                yield List.of(new Permission("sqs:" + op.replace("Batch", ""), queueArn(name)));
            }
            case "s3" -> {
                String resource = call.kind().equals("object") ? BUCKET_ARN + "/" + call.detail() + "example" : BUCKET_ARN;
                yield switch (op) {
                    case "HeadBucket", "ListObjects", "ListObjectsV2" -> List.of(new Permission("s3:ListBucket", BUCKET_ARN));
                    case "ListMultipartUploads" -> List.of(new Permission("s3:ListBucketMultipartUploads", BUCKET_ARN));
                    case "GetObject", "HeadObject" -> List.of(new Permission("s3:GetObject", resource));
                    case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
                            List.of(new Permission("s3:PutObject", resource));
                    case "AbortMultipartUpload" -> List.of(new Permission("s3:AbortMultipartUpload", resource));
                    case "ListParts" -> List.of(new Permission("s3:ListMultipartUploadParts", resource));
                    case "DeleteObject", "DeleteObjects" -> List.of(new Permission("s3:DeleteObject", resource));
                    default -> throw new IllegalArgumentException("no IAM mapping for S3 " + op);
                };
            }
            case "dynamodb" -> {
                String table = tableArn(require(tables, unknown(call.role())));
                yield List.of(new Permission("dynamodb:" + op,
                        call.kind().equals("index") ? table + "/index/" + call.detail() : table));
            }
            case "sesv2" -> switch (op) {
                // Whether sending is paused: the account's state has no resource, the configuration set's has.
                case "GetAccount" -> List.of(new Permission("ses:GetAccount", "*"));
                case "GetConfigurationSet" -> List.of(new Permission("ses:GetConfigurationSet",
                        SES_CONFIGURATION_SET_ARN));
                case "SendEmail" -> {
                    // SES authorizes the sending identity and the configuration set, both with the From address.
                    Map<String, String> from = Map.of("ses:FromAddress", switch (unknown(call.role())) {
                        case "sender" -> SES_SENDER;
                        default -> throw new IllegalArgumentException(
                                "a From address that is not the configured sender: " + call.role());
                    });
                    yield List.of(new Permission("ses:SendEmail", call.kind().equals("configuration-set")
                            ? SES_CONFIGURATION_SET_ARN : SES_IDENTITY_ARN, from));
                }
                default -> throw new IllegalArgumentException("no IAM mapping for SES " + op);
            };
            default -> throw new IllegalArgumentException("no IAM mapping for " + call.service() + " " + op);
        };
    }

    private static String unknown(String role) {
        if (role.startsWith("?")) {
            throw new IllegalArgumentException("a resource the tests did not name by its role: " + role.substring(1));
        }
        return role;
    }

    static String queueArn(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    static String tableArn(String name) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
    }

    /** {@code locals.<kind>} of modules/framesmith: key to name ({@code processing = { name = "..." }}). */
    static Map<String, String> named(Path terraformRoot, String kind) {
        Map<String, String> names = new TreeMap<>();
        for (Hcl hcl : Terraform.load(terraformRoot.resolve("modules/framesmith")).values()) {
            for (Hcl.Block locals : hcl.blocks("locals")) {
                String value = hcl.attributeValues(locals).get(kind);
                if (value != null) {
                    Matcher matcher = NAMED.matcher(value);
                    while (matcher.find()) {
                        names.put(matcher.group(1), matcher.group(2));
                    }
                }
            }
        }
        return names;
    }

    private static long newest(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
