package dev.framesmith.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.config.WorkerPropertiesFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;

/** Settings and ZIP readers shared by the extraction tests. */
final class ExtractionFixtures {

    static final ExtractionSettings SETTINGS = settings(Map.of());

    private ExtractionFixtures() {
    }

    /** The extraction with the bundled FFmpeg and the frame decoder, each within the default memory limit. */
    static FrameExtraction extraction(ExtractionSettings settings) {
        return new FrameExtraction(TestVideos.limitedFfmpeg(), TestVideos.decoder(), settings);
    }

    /** The tests' settings with some of {@code framesmith.worker.*} or {@code framesmith.processing.*} changed. */
    static ExtractionSettings settings(Map<String, String> changes) {
        Map<String, String> all = new HashMap<>(Map.of("processing.max-duration", "10m",
                "processing.max-frames", "5000", "worker.probe-timeout", "30s"));
        all.putAll(changes);
        return WorkerPropertiesFixture.extractionSettings(all);
    }

    /** A job deadline that does not pass during a test. */
    static Deadline deadline() {
        return Deadline.after(Duration.ofMinutes(10));
    }

    record Entry(String name, int method, long size, long compressedSize, BufferedImage image) {
    }

    static List<Entry> entries(Path zip) {
        List<Entry> entries = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            var all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                assertThat(image).as("entry %s decodes as a picture", entry.getName()).isNotNull();
                entries.add(new Entry(entry.getName(), entry.getMethod(), entry.getSize(), entry.getCompressedSize(),
                        image));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static List<String> expectedNames(int count, String extension) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(String.format("frame_%05d.%s", i, extension));
        }
        return names;
    }

    /** Mean absolute difference of two pictures' RGB channels, 0 for identical pictures. */
    static double difference(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF))
                        + Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF))
                        + Math.abs((p & 0xFF) - (q & 0xFF));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /** Index (from 0) of the reference picture closest to {@code image}; identical pixels are found first. */
    static int closest(BufferedImage image, List<BufferedImage> references) {
        int[] pixels = pixels(image);
        for (int i = 0; i < references.size(); i++) {
            if (java.util.Arrays.equals(pixels, pixels(references.get(i)))) {
                return i;
            }
        }
        int best = -1;
        double bestDifference = Double.MAX_VALUE;
        for (int i = 0; i < references.size(); i++) {
            double d = difference(image, references.get(i));
            if (d < bestDifference) {
                bestDifference = d;
                best = i;
            }
        }
        assertThat(bestDifference).as("an identical source picture exists").isLessThan(0.5);
        return best;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static BufferedImage read(Path png) {
        try {
            return ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
