package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The packaged services as they run in EKS. IRSA hands a pod a web-identity token and a role, no keys; the AWS SDK
 * exchanges them at STS through a class it loads by name from the STS module, and without it every AWS call fails
 * (instance metadata is blocked on purpose). Each service jar that calls AWS must carry that class in one of its
 * nested libraries.
 */
public final class ServiceJars {

    /** What the SDK's web-identity credentials provider loads reflectively (WebIdentityCredentialsUtils). */
    static final String WEB_IDENTITY_FACTORY =
            "software/amazon/awssdk/services/sts/internal/StsWebIdentityCredentialsProviderFactory.class";

    private ServiceJars() {
    }

    public static Path jar(Path repoRoot, String service) {
        return repoRoot.resolve(service).resolve("target").resolve(service + ".jar");
    }

    /** Missing, stale or STS-less jars of the given services. */
    public static List<String> irsaProblems(Path repoRoot, List<String> services) {
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            Path jar = jar(repoRoot, service);
            String rebuild = "; package it first (./mvnw -B verify -pl emulators/server," + service + ",deploy-checks -am)";
            if (!Files.isRegularFile(jar)) {
                problems.add(service + ": no packaged jar at " + jar + rebuild);
                continue;
            }
            long built = jar.toFile().lastModified();
            boolean stale = List.of(repoRoot.resolve("pom.xml"), repoRoot.resolve("service-support/pom.xml"),
                    repoRoot.resolve(service).resolve("pom.xml")).stream()
                    .anyMatch(pom -> pom.toFile().lastModified() > built);
            if (stale) {
                problems.add(service + ": " + jar + " is older than the poms that choose its libraries" + rebuild);
            } else if (!containsNested(jar, WEB_IDENTITY_FACTORY)) {
                problems.add(service + ": " + jar + " has no AWS STS module (" + WEB_IDENTITY_FACTORY + " in none of"
                        + " BOOT-INF/lib): with IRSA every AWS call would fail for want of credentials");
            }
        }
        return problems;
    }

    /** Whether a library in the jar's {@code BOOT-INF/lib} holds that entry. */
    static boolean containsNested(Path jar, String entryName) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry library : Collections.list(zip.entries())) {
                if (library.getName().startsWith("BOOT-INF/lib/") && library.getName().endsWith(".jar")
                        && holds(zip.getInputStream(library), entryName)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static boolean holds(InputStream library, String entryName) throws IOException {
        try (ZipInputStream nested = new ZipInputStream(library)) {
            for (ZipEntry entry = nested.getNextEntry(); entry != null; entry = nested.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    return true;
                }
            }
            return false;
        }
    }
}
