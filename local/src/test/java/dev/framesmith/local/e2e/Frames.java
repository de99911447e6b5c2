package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/** What a frames ZIP holds. */
final class Frames {

    private Frames() {
    }

    /** Reads every entry as an image, asserting each decodes, and returns the entry names in order. */
    static List<String> decodeAll(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes = in.readAllBytes();
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                assertThat(image).as("entry %s decodes as an image", entry.getName()).isNotNull();
                assertThat(image.getWidth()).as("width of %s", entry.getName()).isPositive();
                names.add(entry.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
