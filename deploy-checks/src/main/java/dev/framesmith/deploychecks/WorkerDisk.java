package dev.framesmith.deploychecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The volume of the worker's work directory must hold what its jobs may write at once, or Kubernetes evicts the pod
 * when the volume passes its size limit, killing every job it runs: for each of the
 * {@code FRAMESMITH_WORKER_CONCURRENCY} jobs the downloaded source (at most ms-video's
 * {@code framesmith.video.max-upload-size}) and its frames and ZIP (at most
 * {@code framesmith.processing.max-output-size}), and the space the worker keeps free beyond a job's needs
 * ({@code framesmith.worker.limits.min-free-space}). The worker's own free-space check cannot see the limit (an
 * {@code emptyDir} reports the node's disk), and an {@code emptyDir} without one may fill the node's disk. The work
 * directory is {@code framesmith.worker.work-dir}, by default {@code framesmith-worker} in the JVM's
 * {@code java.io.tmpdir} (set in the image's ENTRYPOINT). The container's {@code ephemeral-storage} limit, when it
 * has one, counts the volume too and must hold the same sum. The settings must be stated in the rendered
 * Deployments' environment, so that the sum is checked against what runs, not against a default that may change.
 */
public final class WorkerDisk {

    private static final String WORKER = "video-worker";
    private static final String VIDEO = "ms-video";
    private static final Pattern TMPDIR = Pattern.compile("\"-Djava\\.io\\.tmpdir=([^\"]+)\"");

    private WorkerDisk() {
    }

    /**
     * @param render     the overlay, for messages
     * @param manifests  the overlay rendered
     * @param dockerfile the worker's Dockerfile
     */
    public static List<String> problems(String render, List<Manifest> manifests, Path dockerfile) {
        Optional<Manifest> worker = Manifest.find(manifests, "Deployment", WORKER);
        Optional<Manifest> video = Manifest.find(manifests, "Deployment", VIDEO);
        if (worker.isEmpty() || video.isEmpty()) {
            return List.of(render + ": no " + (worker.isEmpty() ? WORKER : VIDEO) + " Deployment");
        }
        List<String> problems = new ArrayList<>();
        String where = render + " Deployment " + WORKER;
        Map<String, Object> container = container(worker.get(), WORKER);
        Map<String, String> environment = WorkloadRules.environment(container, manifests);
        Map<String, String> videoEnvironment = WorkloadRules.environment(container(video.get(), VIDEO), manifests);
        Optional<Integer> jobs = Optional.ofNullable(environment.get("FRAMESMITH_WORKER_CONCURRENCY"))
                .map(String::trim).map(Integer::parseInt);
        if (jobs.isEmpty()) {
            problems.add(where + ": FRAMESMITH_WORKER_CONCURRENCY is not set");
        }
        Optional<Long> source = size(videoEnvironment, "FRAMESMITH_VIDEO_MAX_UPLOAD_SIZE",
                render + " Deployment " + VIDEO, problems);
        Optional<Long> output = size(environment, "FRAMESMITH_PROCESSING_MAX_OUTPUT_SIZE", where, problems);
        Optional<Long> free = size(environment, "FRAMESMITH_WORKER_LIMITS_MIN_FREE_SPACE", where, problems);
        Optional<Long> volume = volumeSize(worker.get(), container, workDir(environment, dockerfile), where,
                problems);
        Optional<Long> ephemeral = Yaml.string(container, "resources", "limits", "ephemeral-storage")
                .map(WorkerMemory::quantity);
        if (problems.isEmpty()) {
            long needed = jobs.get() * (source.get() + output.get()) + free.get();
            String sum = " is below " + jobs.get() + " jobs × (" + WorkerMemory.mebibytes(source.get()) + " source + "
                    + WorkerMemory.mebibytes(output.get()) + " output) + " + WorkerMemory.mebibytes(free.get())
                    + " free = " + WorkerMemory.mebibytes(needed);
            if (volume.get() < needed) {
                problems.add(where + ": work volume " + WorkerMemory.mebibytes(volume.get()) + sum);
            }
            if (ephemeral.isPresent() && ephemeral.get() < needed) {
                problems.add(where + ": ephemeral-storage limit " + WorkerMemory.mebibytes(ephemeral.get()) + sum);
            }
        }
        return problems;
    }

    /**
     * Where the worker puts its jobs: {@code framesmith.worker.work-dir} (either spelling Spring binds from the
     * environment), else {@code framesmith-worker} in the ENTRYPOINT's {@code java.io.tmpdir}, else in Linux's
     * default {@code /tmp}.
     */
    static Path workDir(Map<String, String> environment, Path dockerfile) {
        Optional<String> stated = Optional.ofNullable(environment.get("FRAMESMITH_WORKER_WORKDIR"))
                .or(() -> Optional.ofNullable(environment.get("FRAMESMITH_WORKER_WORK_DIR")));
        if (stated.isPresent()) {
            return Path.of(stated.get().trim()).normalize();
        }
        String tmpdir = WorkerMemory.entrypoint(dockerfile).map(TMPDIR::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).orElse("/tmp");
        return Path.of(tmpdir, "framesmith-worker").normalize();
    }

    /** The sizeLimit of the emptyDir mounted at the work directory or above it (the deepest such mount). */
    private static Optional<Long> volumeSize(Manifest deployment, Map<String, Object> container, Path workDir,
            String where, List<String> problems) {
        Optional<String> name = Yaml.list(container, "volumeMounts").stream()
                .filter(mount -> workDir.startsWith(Path.of(Yaml.string(mount, "mountPath").orElse("-"))))
                .max(Comparator.comparingInt(mount -> Path.of(Yaml.string(mount, "mountPath").orElse("/"))
                        .getNameCount()))
                .flatMap(mount -> Yaml.string(mount, "name"));
        if (name.isEmpty()) {
            problems.add(where + ": no volume is mounted at the work directory " + workDir);
            return Optional.empty();
        }
        Optional<Map<String, Object>> volume = deployment.list("spec", "template", "spec", "volumes").stream()
                .filter(v -> Yaml.string(v, "name").equals(name)).findFirst();
        if (volume.isEmpty() || Yaml.at(volume.get(), "emptyDir").isEmpty()) {
            problems.add(where + ": work volume " + name.get() + " is not an emptyDir, its size is unknown");
            return Optional.empty();
        }
        Optional<Long> limit = Yaml.string(volume.get(), "emptyDir", "sizeLimit").map(WorkerMemory::quantity);
        if (limit.isEmpty()) {
            problems.add(where + ": work volume " + name.get() + " has no sizeLimit, its jobs may fill the node's"
                    + " disk");
        }
        return limit;
    }

    private static Optional<Long> size(Map<String, String> environment, String key, String where,
            List<String> problems) {
        Optional<Long> size = Optional.ofNullable(environment.get(key)).map(WorkerMemory::dataSize);
        if (size.isEmpty()) {
            problems.add(where + ": " + key + " is not set");
        }
        return size;
    }

    private static Map<String, Object> container(Manifest deployment, String name) {
        return deployment.containers().stream().filter(c -> Yaml.string(c, "name").orElse("").equals(name))
                .findFirst().orElse(Map.of());
    }
}
