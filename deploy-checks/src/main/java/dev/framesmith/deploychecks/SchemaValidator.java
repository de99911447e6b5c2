package dev.framesmith.deploychecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates rendered manifests against the Kubernetes and custom resource schemas with the offline validator in
 * infra/k8s/validate (Node.js; its packages are installed from its lock file on first use).
 */
public final class SchemaValidator {

    private final Path validatorDirectory;

    public SchemaValidator(Path repoRoot) {
        this.validatorDirectory = repoRoot.resolve("infra/k8s/validate");
    }

    public static boolean available() {
        return Processes.onPath("node") && Processes.onPath("npm");
    }

    /** Installs the validator's packages (npm ci) when they are missing. */
    public synchronized void install() {
        if (Files.isDirectory(validatorDirectory.resolve("node_modules/kubernetes-models"))) {
            return;
        }
        Processes.Result result = Processes.run(validatorDirectory, Duration.ofMinutes(5),
                List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        if (!result.succeeded()) {
            throw new IllegalStateException("npm ci in " + validatorDirectory + " failed:\n" + result.output());
        }
    }

    /** Exit 0 when every object of every file is valid; otherwise 1 with one INVALID line per object. */
    public Processes.Result validate(List<Path> files) {
        install();
        List<String> command = new ArrayList<>(List.of("node", validatorDirectory.resolve("validate.mjs").toString()));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        return Processes.run(validatorDirectory, Duration.ofMinutes(2), command);
    }
}
