package dev.framesmith.deploychecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every image a manifest or the compose file runs is either one of ours, built from {@code <service>/Dockerfile},
 * or a listed third-party image pinned to a version.
 */
public final class Images {

    /** Third-party images the deployment may run; always with an explicit version tag. */
    public static final Set<String> THIRD_PARTY = Set.of(
            "prom/cloudwatch-exporter",
            "otel/opentelemetry-collector-contrib",
            "prom/prometheus",
            "grafana/grafana",
            "localstack/localstack",
            "postgres",
            "nginx",
            "alpine");

    private static final Pattern OURS = Pattern.compile("(?:^|.*/)framesmith/([a-z0-9][a-z0-9-]*)");

    private Images() {
    }

    /** The image reference split into repository and tag (no tag: empty). */
    record Reference(String repository, String tag) {

        static Reference parse(String image) {
            String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            int slash = withoutDigest.lastIndexOf('/');
            int colon = withoutDigest.lastIndexOf(':');
            if (colon > slash) {
                return new Reference(withoutDigest.substring(0, colon), withoutDigest.substring(colon + 1));
            }
            return new Reference(withoutDigest, "");
        }
    }

    /** The service directory an image of ours is built from, if it is one of ours. */
    public static Optional<String> service(String image) {
        Matcher matcher = OURS.matcher(Reference.parse(image).repository());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static List<String> problems(Path repoRoot, String where, String image) {
        List<String> problems = new ArrayList<>();
        Reference reference = Reference.parse(image);
        Optional<String> service = service(image);
        if (service.isPresent()) {
            if (!Files.isRegularFile(repoRoot.resolve(service.get()).resolve("Dockerfile"))) {
                problems.add(where + ": image " + image + " has no Dockerfile at " + service.get() + "/Dockerfile");
            }
        } else if (!THIRD_PARTY.contains(reference.repository())) {
            problems.add(where + ": image " + image + " is neither built here (framesmith/<service>) nor a listed third-party image");
        } else if (reference.tag().isEmpty() || reference.tag().equals("latest")) {
            problems.add(where + ": third-party image " + image + " must be pinned to a version");
        }
        return problems;
    }

    /** Images of every container in the rendered objects. */
    public static List<String> manifestProblems(Path repoRoot, String render, List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : manifests) {
            for (Map<String, Object> container : manifest.containers()) {
                String image = Yaml.string(container, "image").orElse("");
                problems.addAll(problems(repoRoot, render + " " + manifest.id(), image));
            }
        }
        return problems;
    }

    /** Images (and build files) of the compose services. */
    public static List<String> composeProblems(Path repoRoot, Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        Yaml.map(compose, "services").forEach((name, definition) -> {
            String where = "docker-compose.yml service " + name;
            Optional<String> dockerfile = Yaml.string(definition, "build", "dockerfile");
            Optional<String> image = Yaml.string(definition, "image");
            if (dockerfile.isPresent()) {
                String context = Yaml.string(definition, "build", "context").orElse(".");
                Path file = repoRoot.resolve(context).resolve(dockerfile.get()).normalize();
                if (!Files.isRegularFile(file)) {
                    problems.add(where + ": build file " + dockerfile.get() + " does not exist");
                }
                if (image.isPresent() && !service(image.get()).map(s -> dockerfile.get().equals(s + "/Dockerfile")).orElse(false)) {
                    problems.add(where + ": image " + image.get() + " is not the one built from " + dockerfile.get());
                }
            } else if (image.isPresent()) {
                problems.addAll(problems(repoRoot, where, image.get()));
            } else {
                problems.add(where + ": neither image nor build");
            }
        });
        return problems;
    }

    /** The services with a Dockerfile at the repository root level ({@code <service>/Dockerfile}). */
    public static Set<String> servicesWithDockerfiles(Path repoRoot) {
        Set<String> services = new TreeSet<>();
        try (var dirs = Files.list(repoRoot)) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile"))).forEach(d -> services.add(d.getFileName().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return services;
    }
}
