package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Renders Kustomize directories with {@code kubectl kustomize} and finds the ones that are deployable. */
public final class Kustomize {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private Kustomize() {
    }

    /** A rendered directory: the text kubectl printed and the objects parsed from it. */
    public record Render(Path directory, String yaml, List<Manifest> manifests) {
    }

    public static boolean available() {
        return Processes.onPath("kubectl");
    }

    /** Runs {@code kubectl kustomize}; a failure carries kubectl's message. */
    public static Processes.Result run(Path directory) {
        return Processes.run(directory, TIMEOUT, List.of("kubectl", "kustomize", "."));
    }

    /** Renders and parses, or throws with kubectl's message. */
    public static Render render(Path directory) {
        Processes.Result result = run(directory);
        if (!result.succeeded()) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed:\n" + result.output());
        }
        return new Render(directory, result.output(), Manifest.parseAll(result.output()));
    }

    /**
     * Every directory something deploys: each kustomization under infra/k8s/overlays (components are rendered
     * through the overlays that include them) and the Argo CD bootstrap and Applications.
     */
    public static List<Path> deployableDirectories(Path repoRoot) {
        Path overlays = repoRoot.resolve("infra/k8s/overlays");
        try (Stream<Path> files = Files.walk(overlays)) {
            Stream<Path> overlayDirs = files
                    .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .filter(p -> !isComponent(p))
                    .map(Path::getParent);
            Stream<Path> argo = Stream.of("infra/argocd", "infra/argocd/apps", "infra/argocd/aws-dev",
                            "infra/argocd/aws-dev/apps").map(repoRoot::resolve)
                    .filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")));
            return Stream.concat(overlayDirs, argo).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isComponent(Path kustomizationFile) {
        return Yaml.loadMap(kustomizationFile).getOrDefault("kind", "").equals("Component");
    }
}
