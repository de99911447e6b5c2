package dev.framesmith.worker.decoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class path of the decoder's JVM, found where the worker's own class loader finds the decoder and the JavaCPP
 * FFmpeg presets: class directories and jars as they are, and jars nested in the worker's Spring Boot jar copied out
 * once into a directory. Nothing of the worker itself (Spring, logging) is on it. The natives are either the
 * platform jars (JavaCPP unpacks them into its cache directory on first use) or a directory they were unpacked to
 * when the image was built.
 */
final class DecoderClasspath {

    static final String MAIN_CLASS = "dev.framesmith.decoder.DecoderMain";
    private static final String NESTED = "nested:";

    private DecoderClasspath() {
    }

    /** The entries, or empty when this platform has no natives or a part is missing. */
    static Optional<List<Path>> resolve(ClassLoader loader, Path nativesDir, Path jarsDir) {
        Optional<String> platform = platform();
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        List<String> resources = new ArrayList<>(List.of(MAIN_CLASS.replace('.', '/') + ".class",
                "org/bytedeco/ffmpeg/global/avcodec.class", "org/bytedeco/javacpp/Loader.class"));
        Set<Path> entries = new LinkedHashSet<>();
        if (nativesDir != null) {
            entries.add(nativesDir);
        } else {
            resources.add("org/bytedeco/ffmpeg/" + platform.get() + "/libjniavcodec.so");
            resources.add("org/bytedeco/javacpp/" + platform.get() + "/libjnijavacpp.so");
        }
        for (String resource : resources) {
            URL url = loader.getResource(resource);
            if (url == null) {
                return Optional.empty();
            }
            entries.add(location(url, resource, jarsDir));
        }
        return Optional.of(List.copyOf(entries));
    }

    /** JavaCPP's name for this machine, for the Linux builds the worker ships. */
    static Optional<String> platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return Optional.empty();
        }
        return switch (arch) {
            case "amd64", "x86_64" -> Optional.of("linux-x86_64");
            case "aarch64", "arm64" -> Optional.of("linux-arm64");
            default -> Optional.empty();
        };
    }

    /** The class path entry a resource was found in. */
    static Path location(URL url, String resource, Path jarsDir) {
        String text = url.toString();
        try {
            if (text.startsWith("file:")) {
                Path file = Path.of(url.toURI());
                Path root = file;
                for (int i = 0; i < resource.split("/").length; i++) {
                    root = root.getParent();
                }
                return root;
            }
            if (text.startsWith("jar:")) {
                String jar = text.substring("jar:".length(), text.lastIndexOf("!/"));
                if (jar.startsWith(NESTED)) {
                    return copyNested(jar.substring(NESTED.length()), jarsDir);
                }
                return Path.of(new URL(jar).toURI());
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate " + resource + " at " + url, e);
        }
        throw new IllegalStateException("cannot put " + url + " on a class path");
    }

    /**
     * Copies a jar nested in a Spring Boot jar ({@code /path/outer.jar/!BOOT-INF/lib/inner.jar}) into
     * {@code jarsDir}, unless a copy of the same size is already there.
     */
    private static Path copyNested(String nested, Path jarsDir) throws IOException {
        int separator = nested.indexOf("/!");
        Path outer = Path.of(java.net.URLDecoder.decode(nested.substring(0, separator),
                java.nio.charset.StandardCharsets.UTF_8));
        String entryName = nested.substring(separator + 2);
        try (ZipFile zip = new ZipFile(outer.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IOException(entryName + " is not in " + outer);
            }
            Path target = jarsDir.resolve(Path.of(entryName).getFileName().toString());
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                return target;
            }
            Files.createDirectories(jarsDir);
            Path partial = Files.createTempFile(jarsDir, target.getFileName().toString(), ".part");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | UncheckedIOException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            return target;
        }
    }
}
