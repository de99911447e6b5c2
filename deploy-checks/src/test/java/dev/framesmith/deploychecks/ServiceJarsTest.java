package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service jars built earlier in this build run, as they are deployed. */
class ServiceJarsTest {

    @Test
    void everyServiceThatCallsAwsCarriesTheStsModuleItsIrsaCredentialsNeed() {
        assertThat(ServiceJars.irsaProblems(Repository.ROOT, IamAudit.SERVICES)).isEmpty();
    }

    @Test
    void aJarWithoutStsAMissingJarAndAStaleJarAreReported(@TempDir Path root) throws IOException {
        for (String pom : List.of("pom.xml", "service-support/pom.xml", "ms-video/pom.xml", "ms-notify/pom.xml")) {
            Repository.write(root.resolve(pom), "<project/>");
            Files.setLastModifiedTime(root.resolve(pom), java.nio.file.attribute.FileTime.fromMillis(0));
        }
        bootJar(ServiceJars.jar(root, "ms-video"), "BOOT-INF/lib/s3-2.54.13.jar", "software/amazon/awssdk/services/s3/S3Client.class");
        bootJar(ServiceJars.jar(root, "ms-notify"), "BOOT-INF/lib/sts-2.54.13.jar", ServiceJars.WEB_IDENTITY_FACTORY);

        assertThat(ServiceJars.irsaProblems(root, List.of("ms-video", "ms-notify", "video-worker")))
                .satisfiesExactly(
                        problem -> assertThat(problem).startsWith("ms-video: ").contains("has no AWS STS module"),
                        problem -> assertThat(problem).startsWith("video-worker: no packaged jar"));

        Files.setLastModifiedTime(root.resolve("ms-notify/pom.xml"), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 60_000));
        assertThat(ServiceJars.irsaProblems(root, List.of("ms-notify"))).singleElement().asString()
                .contains("older than the poms");
    }

    /** A Spring Boot jar with one nested library holding one entry. */
    private static void bootJar(Path jar, String library, String entry) throws IOException {
        Files.createDirectories(jar.getParent());
        var nested = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(nested)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.closeEntry();
        }
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(library));
            zip.write(nested.toByteArray());
            zip.closeEntry();
        }
    }
}
