package dev.framesmith.worker.decoder;

import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import dev.framesmith.worker.ffmpeg.ProcessRunner;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port to the frame decoder ({@code frame-decoder}): a libav* decode loop run in its own small JVM, never in the
 * worker's, so that a hostile file can exhaust only that process's memory (address-space limit, small heap) and its
 * deadline. Runs through the same {@link ProcessRunner} as FFmpeg.
 */
public class FrameDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    private final List<String> command;
    private final ProcessRunner runner;

    private FrameDecoder(List<String> command, ProcessRunner runner) {
        this.command = command;
        this.runner = runner;
    }

    /**
     * The decoder as the worker runs it, or an unavailable one (every video then goes to FFmpeg) when this
     * platform has no natives or the decoder's classes are missing.
     *
     * @param java       the java executable, {@code null} for the worker's own
     * @param cacheDir   a writable directory for JavaCPP's unpacked libraries and jars copied out of the worker's jar
     * @param nativesDir libraries unpacked at build time, or {@code null}
     */
    public static FrameDecoder locate(Path java, List<String> jvmOptions, Path cacheDir, Path nativesDir,
            ProcessRunner runner) {
        Optional<List<Path>> classpath = DecoderClasspath.resolve(FrameDecoder.class.getClassLoader(), nativesDir,
                cacheDir.resolve("jars"));
        if (classpath.isEmpty()) {
            log.warn("The frame decoder is not available on this platform: every video is decoded whole by FFmpeg");
            return new FrameDecoder(List.of(), runner);
        }
        List<String> command = new ArrayList<>();
        command.add((java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java")).toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir.resolve("javacpp"));
        command.add("-Djava.io.tmpdir=" + cacheDir);
        command.add("-cp");
        command.add(classpath.get().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(DecoderClasspath.MAIN_CLASS);
        return new FrameDecoder(List.copyOf(command), runner);
    }

    public boolean available() {
        return !command.isEmpty();
    }

    /** Runs the decoder with {@code name=value} arguments; see {@code DecoderProtocol} for what it reports. */
    public FfmpegRun run(List<String> args, Duration timeout, Cancellation cancellation, Consumer<String> stdout) {
        if (!available()) {
            throw new IllegalStateException("the frame decoder is not available");
        }
        List<String> full = new ArrayList<>(command);
        full.addAll(args);
        return runner.run(full, timeout, cancellation, stdout);
    }
}
