package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamAuditTest {

    private static final Path TERRAFORM = Repository.path("infra/terraform");

    /** What video-worker's tests record (its own calls, health included), as its recording file holds them. */
    private static final List<IamAudit.Call> WORKER = List.of(
            call("Sqs\tGetQueueUrl\tqueue\tprocessing\t\tdev.framesmith.support.aws.AwsHealth$Sqs.doHealthCheck(AwsHealth.java:42)"),
            call("Sqs\tGetQueueUrl\tqueue\tevents\t\tdev.framesmith.support.aws.AwsHealth$Sqs.doHealthCheck(AwsHealth.java:42)"),
            call("Sqs\tReceiveMessage\tqueue\tprocessing\t\tio.awspring.cloud.sqs.listener.source.AbstractSqsMessageSource.doPollForMessages(AbstractSqsMessageSource.java:240)"),
            call("Sqs\tChangeMessageVisibility\tqueue\tprocessing\t\tdev.framesmith.worker.job.Heartbeats.extend(Heartbeats.java:80)"),
            call("Sqs\tDeleteMessage\tqueue\tprocessing\t\tdev.framesmith.worker.messaging.JobMessages.delete(JobMessages.java:60)"),
            call("Sqs\tSendMessage\tqueue\tevents\t\tdev.framesmith.support.messaging.QueueSender.lambda$send$2(QueueSender.java:58)"),
            call("S3\tGetObject\tobject\tbucket\traw/\tdev.framesmith.worker.job.VideoStorage.download(VideoStorage.java:50)"),
            call("S3\tPutObject\tobject\tbucket\tframes/\tdev.framesmith.worker.job.VideoStorage.upload(VideoStorage.java:70)"),
            call("S3\tHeadObject\tobject\tbucket\tframes/\tdev.framesmith.worker.job.VideoStorage.findFrames(VideoStorage.java:100)"),
            call("Sqs\tGetQueueUrl\tqueue\tprocessing-dlq\t\tdev.framesmith.support.messaging.QueueSender.lambda$url$5(QueueSender.java:68)"),
            call("Sqs\tSendMessage\tqueue\tprocessing-dlq\t\tdev.framesmith.support.messaging.QueueSender.lambda$send$2(QueueSender.java:58)"),
            call("S3\tAbortMultipartUpload\tobject\tbucket\tframes/\tdev.framesmith.worker.job.VideoStorage.abort(VideoStorage.java:167)"),
            call("S3\tHeadBucket\tbucket\tbucket\t\tdev.framesmith.support.aws.AwsHealth$S3.doHealthCheck(AwsHealth.java:60)"));

    @Test
    void everyServiceRoleAllowsEveryCallTheServiceMakesInItsTestsAndNothingElse() {
        List<String> problems = new ArrayList<>();
        for (String service : IamAudit.SERVICES) {
            List<String> recordingProblems = IamAudit.recordingProblems(Repository.ROOT, service);
            problems.addAll(recordingProblems);
            if (recordingProblems.isEmpty()) {
                IamAudit.Result result = IamAudit.audit(service, IamAudit.recording(Repository.ROOT, service), TERRAFORM,
                        List.of());
                problems.addAll(result.missing());
                problems.addAll(result.extra());
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void theHealthCheckThatLookedUpEveryQueueIsCaughtWithItsCallSite() {
        List<IamAudit.Call> calls = new ArrayList<>(WORKER);
        // The old AwsHealth.Sqs looked up all three queues in every service.
        calls.add(call("Sqs\tGetQueueUrl\tqueue\tnotifications\t\tdev.framesmith.support.aws.AwsHealth$Sqs.doHealthCheck(AwsHealth.java:31)"));

        IamAudit.Result result = IamAudit.audit("video-worker", calls, TERRAFORM, List.of());

        assertThat(result.missing()).singleElement().asString()
                .contains("sqs:GetQueueUrl on arn:aws:sqs:eu-west-1:111122223333:framesmith-notifications")
                .contains("AwsHealth$Sqs.doHealthCheck(AwsHealth.java:31)");
        assertThat(IamAudit.audit("video-worker", WORKER, TERRAFORM, List.of()).missing()).isEmpty();
    }

    @Test
    void aPolicyWithOneActionRemovedFailsAndNamesTheCallSite(@TempDir Path copy) {
        Repository.copy(copy, "infra/terraform");
        Repository.replace(copy.resolve("infra/terraform/modules/iam/main.tf"), "    \"sqs:ChangeMessageVisibility\",\n", "");

        IamAudit.Result result = IamAudit.audit("video-worker", WORKER, copy.resolve("infra/terraform"), List.of());

        assertThat(result.missing()).singleElement().asString()
                .contains("does not allow sqs:ChangeMessageVisibility on arn:aws:sqs:eu-west-1:111122223333:framesmith-video-processing")
                .contains("Heartbeats.extend(Heartbeats.java:80)");
    }

    @Test
    void aGrantNoCallUsesIsNamed(@TempDir Path copy) {
        assertThat(IamAudit.audit("video-worker", WORKER, TERRAFORM, List.of()).extra()).isEmpty();
        Repository.copy(copy, "infra/terraform");
        Repository.replace(copy.resolve("infra/terraform/modules/iam/main.tf"),
                "actions   = [\"s3:PutObject\", \"s3:GetObject\", \"s3:AbortMultipartUpload\"]",
                "actions   = [\"s3:PutObject\", \"s3:GetObject\", \"s3:AbortMultipartUpload\", \"s3:DeleteObject\"]");

        IamAudit.Result result = IamAudit.audit("video-worker", WORKER, copy.resolve("infra/terraform"), List.of());

        assertThat(result.missing()).isEmpty();
        assertThat(result.extra()).singleElement().asString().contains("WriteArchives grants s3:DeleteObject")
                .contains("framesmith-videos/frames/*");
    }

    @Test
    void aResourceTheTestsCouldNotPlaceFailsTheAudit() {
        IamAudit.Result result = IamAudit.audit("video-worker", List.of(
                call("Sqs\tSendMessage\tqueue\t?some-queue\t\tdev.framesmith.worker.X.y(X.java:1)")), TERRAFORM, List.of());

        assertThat(result.missing()).singleElement().asString().contains("some-queue").contains("X.java:1");
    }

    @Test
    void inTheSesSandboxTheSenderMayMailTheVerifiedRecipientsAndNobodyElse() {
        String recipient = "arn:aws:ses:eu-west-1:111122223333:identity/you@example.com";
        java.util.Map<String, String> fromSender = java.util.Map.of("ses:FromAddress", IamAudit.SES_SENDER);

        assertThat(IamAudit.policy(TERRAFORM, "ms-notify", List.of("you@example.com"))
                .allows("ses:SendEmail", recipient, fromSender)).isTrue();
        assertThat(IamAudit.policy(TERRAFORM, "ms-notify", List.of()).allows("ses:SendEmail", recipient, fromSender))
                .isFalse();
        assertThat(IamAudit.policy(TERRAFORM, "ms-notify", List.of("you@example.com")).allows("ses:SendEmail",
                "arn:aws:ses:eu-west-1:111122223333:identity/other@example.com", fromSender)).isFalse();
    }

    @Test
    void presignedRequestsNeedThePermissionOfTheRequestTheyStandFor() {
        // A presigned PUT of an upload: ms-video may put objects under raw/, the worker may not.
        IamAudit.Result result = IamAudit.audit("video-worker", List.of(
                call("s3\tPutObject\tobject\tbucket\traw/\tdev.framesmith.worker.X.link(X.java:9)")), TERRAFORM, List.of());

        assertThat(result.missing()).singleElement().asString()
                .contains("does not allow s3:PutObject on arn:aws:s3:::framesmith-videos/raw/example")
                .contains("X.link(X.java:9)");
        assertThat(IamAudit.audit("ms-video", List.of(
                call("s3\tPutObject\tobject\tbucket\traw/\tdev.framesmith.video.X.link(X.java:9)")), TERRAFORM,
                List.of()).missing()).isEmpty();
    }

    @Test
    void mailIsAllowedOnlyFromTheConfiguredSenderAsThePolicysConditionSays() {
        String site = "dev.framesmith.notify.delivery.SesMailSender.send(SesMailSender.java:29)";
        List<IamAudit.Call> fromSender = List.of(
                call("SESv2\tSendEmail\tidentity\tsender\tframesmith.dev\t" + site),
                call("SESv2\tSendEmail\tconfiguration-set\tsender\t\t" + site));

        assertThat(IamAudit.audit("ms-notify", fromSender, TERRAFORM, List.of()).missing()).isEmpty();
        assertThat(IamAudit.audit("ms-notify", List.of(
                call("SESv2\tSendEmail\tidentity\t?someone@evil.example\tevil.example\t" + site)), TERRAFORM, List.of())
                .missing()).singleElement().asString().contains("someone@evil.example").contains(site);
        IamPolicy policy = IamAudit.policy(TERRAFORM, "ms-notify", List.of());
        assertThat(policy.allows("ses:SendEmail", IamAudit.SES_IDENTITY_ARN, java.util.Map.of("ses:FromAddress",
                "other@framesmith.example.com"))).isFalse();
    }

    @Test
    void msNotifyMayAskWhetherSendingIsPausedAndNothingElseMay() {
        String site = "dev.framesmith.notify.delivery.SendingHold.checkAgain(SendingHold.java:80)";
        List<IamAudit.Call> checks = List.of(call("SESv2\tGetAccount\tnone\t\t\t" + site),
                call("SESv2\tGetConfigurationSet\tnone\t\t\t" + site));

        assertThat(IamAudit.audit("ms-notify", checks, TERRAFORM, List.of()).missing()).isEmpty();
        assertThat(IamAudit.audit("ms-video", checks, TERRAFORM, List.of()).missing()).hasSize(2);
    }

    @Test
    void aMissingPartialOrOutdatedRecordingStopsTheAudit(@TempDir Path root) throws Exception {
        Path source = root.resolve("video-worker/src/main/java/W.java");
        Path recording = root.resolve("video-worker/target/aws-calls/surefire.tsv");
        Repository.write(source, "class W {}");
        java.nio.file.Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertThat(IamAudit.recordingProblems(root, "video-worker")).singleElement().asString()
                .contains("video-worker: no recording of its AWS calls").contains("-pl emulators/server,video-worker,deploy-checks -am");

        String calls = "Sqs\tSendMessage\tqueue\tevents\t\tdev.framesmith.worker.X.y(X.java:1)\n";
        Repository.write(recording, "#\tselection\t${test}\n" + calls);
        assertThat(IamAudit.recordingProblems(root, "video-worker")).isEmpty();

        Repository.write(recording, "#\tselection\tProcessingTest\n" + calls);
        assertThat(IamAudit.recordingProblems(root, "video-worker")).singleElement().asString()
                .contains("records only the tests ProcessingTest");

        Repository.write(recording, "#\tselection\t\n" + calls);
        java.nio.file.Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 60_000));
        assertThat(IamAudit.recordingProblems(root, "video-worker")).singleElement().asString()
                .contains("surefire.tsv is older than the code it records");
    }

    /** The audit leaves out the provisioners' calls: in AWS, Terraform creates the resources and they never run. */
    @Test
    void provisioningIsOffInEveryAwsOverlay() {
        Repository.requireKubectl();
        for (String overlay : OverlayWiring.AWS_OVERLAYS) {
            List<Manifest> manifests = Repository.render("infra/k8s/overlays/" + overlay).manifests();
            for (String service : IamAudit.SERVICES) {
                var container = Manifest.find(manifests, "Deployment", service).orElseThrow().containers().get(0);
                assertThat(WorkloadRules.env(container, manifests, "FRAMESMITH_AWS_PROVISION_ENABLED"))
                        .as("%s %s", overlay, service).hasValue("false");
                assertThat(WorkloadRules.env(container, manifests, "SPRING_PROFILES_ACTIVE").orElse(""))
                        .as("%s %s", overlay, service).doesNotContain("local");
            }
        }
    }

    private static IamAudit.Call call(String line) {
        return IamAudit.Call.parse(line);
    }
}
