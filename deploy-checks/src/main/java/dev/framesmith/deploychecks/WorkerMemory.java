package dev.framesmith.deploychecks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's pod must hold everything that may be resident at once, or the kernel kills it mid-job, the other
 * job with it: the worker's own JVM (its heap, bounded by {@code -Xmx} in the image's ENTRYPOINT, and what a JVM
 * keeps beside the heap) and, for each of the {@code FRAMESMITH_WORKER_CONCURRENCY} jobs, one FFmpeg or decoder
 * process at a time, bounded by its address space {@code FRAMESMITH_WORKER_LIMITS_MEMORY} (which bounds its
 * resident memory too). Both settings must be stated in the rendered Deployment's environment, so that the sum is
 * checked against what runs, not against a default that may change.
 */
public final class WorkerMemory {

    /** What the worker's JVM keeps beside its heap: metaspace, code cache, thread stacks, the SDK's buffers. */
    static final long NON_HEAP = 256L << 20;

    private static final Pattern XMX = Pattern.compile("\"-Xmx(\\d+)([kKmMgG]?)\"");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s+\\[(.*)\\]\\s*$");
    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?");
    private static final Pattern DATA_SIZE = Pattern.compile("(\\d+)(B|KB|MB|GB)?");

    private WorkerMemory() {
    }

    /**
     * @param render     the overlay, for messages
     * @param manifests  the overlay rendered
     * @param dockerfile the worker's Dockerfile
     */
    public static List<String> problems(String render, List<Manifest> manifests, Path dockerfile) {
        List<String> problems = new ArrayList<>();
        Optional<Manifest> deployment = Manifest.find(manifests, "Deployment", "video-worker");
        if (deployment.isEmpty()) {
            return List.of(render + ": no video-worker Deployment");
        }
        Map<String, Object> container = deployment.get().containers().stream()
                .filter(c -> Yaml.string(c, "name").orElse("").equals("video-worker")).findFirst().orElse(Map.of());
        String where = render + " Deployment video-worker";
        Optional<Long> limit = Yaml.string(container, "resources", "limits", "memory").map(WorkerMemory::quantity);
        Optional<Long> heap = maxHeap(dockerfile);
        Optional<Integer> jobs = WorkloadRules.env(container, manifests, "FRAMESMITH_WORKER_CONCURRENCY")
                .map(String::trim).map(Integer::parseInt);
        Optional<Long> child = WorkloadRules.env(container, manifests, "FRAMESMITH_WORKER_LIMITS_MEMORY")
                .map(WorkerMemory::dataSize);
        if (limit.isEmpty()) {
            problems.add(where + ": no memory limit");
        }
        if (heap.isEmpty()) {
            problems.add(dockerfile.getFileName() + " of video-worker: the JVM's heap is not bounded by -Xmx in its"
                    + " ENTRYPOINT");
        }
        if (jobs.isEmpty()) {
            problems.add(where + ": FRAMESMITH_WORKER_CONCURRENCY is not set");
        }
        if (child.isEmpty()) {
            problems.add(where + ": FRAMESMITH_WORKER_LIMITS_MEMORY is not set");
        } else if (child.get() == 0) {
            problems.add(where + ": FRAMESMITH_WORKER_LIMITS_MEMORY is 0, FFmpeg's memory is unbounded");
        }
        if (problems.isEmpty()) {
            long needed = heap.get() + NON_HEAP + jobs.get() * child.get();
            if (limit.get() < needed) {
                problems.add(where + ": memory limit " + mebibytes(limit.get()) + " is below the heap "
                        + mebibytes(heap.get()) + " + " + mebibytes(NON_HEAP) + " beside it + " + jobs.get()
                        + " jobs × " + mebibytes(child.get()) + " = " + mebibytes(needed));
            }
        }
        return problems;
    }

    static Optional<Long> maxHeap(Path dockerfile) {
        Optional<String> entrypoint = entrypoint(dockerfile);
        if (entrypoint.isEmpty()) {
            return Optional.empty();
        }
        Matcher xmx = XMX.matcher(entrypoint.get());
        if (!xmx.find()) {
            return Optional.empty();
        }
        long value = Long.parseLong(xmx.group(1));
        return Optional.of(switch (xmx.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        });
    }

    /** The arguments of the Dockerfile's ENTRYPOINT in exec form, as written between its brackets. */
    static Optional<String> entrypoint(Path dockerfile) {
        Matcher entrypoint = ENTRYPOINT.matcher(Yaml.read(dockerfile).replace("\\\n", " "));
        return entrypoint.find() ? Optional.of(entrypoint.group(1)) : Optional.empty();
    }

    /** A Kubernetes memory quantity in bytes: plain, or with a binary or decimal suffix. */
    static long quantity(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + text);
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Ki" -> value << 10;
            case "Mi" -> value << 20;
            case "Gi" -> value << 30;
            case "k" -> value * 1_000;
            case "M" -> value * 1_000_000;
            case "G" -> value * 1_000_000_000;
            default -> value;
        };
    }

    /** A Spring {@code DataSize} in bytes (its KB, MB and GB are binary). */
    static long dataSize(String text) {
        Matcher m = DATA_SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a data size: " + text);
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KB" -> value << 10;
            case "MB" -> value << 20;
            case "GB" -> value << 30;
            default -> value;
        };
    }

    static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
