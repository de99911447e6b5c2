package dev.framesmith.worker.ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory bound of every FFmpeg and decoder process a job starts: an address-space limit set with util-linux's
 * {@code prlimit --as} (allocations beyond it fail inside the child instead of growing the pod until the kernel kills
 * it), and {@code MALLOC_ARENA_MAX=2} so that glibc does not reserve an arena of 64 MiB per thread against it.
 *
 * @param addressSpaceBytes the limit, 0 for none
 * @param prlimit           the {@code prlimit} executable, {@code null} when the limit cannot be applied
 */
public record ChildLimits(long addressSpaceBytes, Path prlimit) {

    private static final Logger log = LoggerFactory.getLogger(ChildLimits.class);

    public static final ChildLimits NONE = new ChildLimits(0, null);

    /** Finds {@code prlimit} on the PATH; without it the limit is not applied, which is logged once. */
    public static ChildLimits of(long addressSpaceBytes) {
        if (addressSpaceBytes <= 0) {
            return NONE;
        }
        Path prlimit = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(dir -> Path.of(dir, "prlimit"))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (prlimit == null) {
            log.warn("prlimit (util-linux) is not on the PATH: FFmpeg runs without a memory limit");
        }
        return new ChildLimits(addressSpaceBytes, prlimit);
    }

    public boolean applied() {
        return addressSpaceBytes > 0 && prlimit != null;
    }

    /** The command that runs {@code command} within the limit. */
    List<String> wrap(List<String> command) {
        if (!applied()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 3);
        wrapped.addAll(List.of(prlimit.toString(), "--as=" + addressSpaceBytes, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    void configure(Map<String, String> environment) {
        environment.put("MALLOC_ARENA_MAX", "2");
    }
}
