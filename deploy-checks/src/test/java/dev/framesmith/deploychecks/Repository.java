package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The repository under check, its renders (computed once per test run) and broken copies of parts of it. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("framesmith.repo.root", "..")).toAbsolutePath().normalize();

    private static final Set<String> NOT_COPIED = Set.of("node_modules", ".terraform", "target", ".git");
    private static final Map<Path, Kustomize.Render> RENDERS = new ConcurrentHashMap<>();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** The Kustomize checks need {@code kubectl kustomize}; without kubectl they fail rather than pass unchecked. */
    static void requireKubectl() {
        assertThat(Kustomize.available()).as("kubectl on the PATH: the Kustomize checks need `kubectl kustomize`"
                + " (install kubectl to run them)").isTrue();
    }

    /** {@code terraform fmt -check} needs the terraform binary; without it the check fails rather than passes. */
    static void requireTerraform() {
        assertThat(Terraform.available()).as("terraform on the PATH: `terraform fmt -check` needs the terraform"
                + " binary (install it to run this check)").isTrue();
    }

    /** The render of a deployable directory of this repository (cached). */
    static Kustomize.Render render(Path directory) {
        return RENDERS.computeIfAbsent(directory.toAbsolutePath().normalize(), Kustomize::render);
    }

    static Kustomize.Render render(String relative) {
        return render(path(relative));
    }

    static List<Path> deployableDirectories() {
        return Kustomize.deployableDirectories(ROOT);
    }

    static String relative(Path path) {
        return ROOT.relativize(path.toAbsolutePath().normalize()).toString();
    }

    /** Copies repository paths (files or trees, without installed dependencies) under {@code target}. */
    static Path copy(Path target, String... relativePaths) {
        for (String relative : relativePaths) {
            copyTree(ROOT.resolve(relative), target.resolve(relative));
        }
        return target;
    }

    private static void copyTree(Path source, Path destination) {
        try {
            if (Files.isRegularFile(source)) {
                Files.createDirectories(destination.getParent());
                Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (NOT_COPIED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(destination.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, destination.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a copied file; fails when the text is not there (the breakage must really happen). */
    static void replace(Path file, String text, String replacement) {
        String content = Yaml.read(file);
        if (!content.contains(text)) {
            throw new IllegalStateException(file + " does not contain: " + text);
        }
        write(file, content.replace(text, replacement));
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeTemp(Path dir, String name, String content) {
        Path file = dir.resolve(name);
        write(file, content);
        return file;
    }
}
