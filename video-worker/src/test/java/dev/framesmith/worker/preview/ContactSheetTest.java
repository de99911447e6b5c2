package dev.framesmith.worker.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.worker.zip.FrameZip;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {

    @TempDir
    Path dir;

    @Test
    void picksEvenlySpacedFramesFromFirstToLast() {
        assertThat(ContactSheet.picks(3, 12)).containsExactly(0, 1, 2);
        assertThat(ContactSheet.picks(12, 12)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(ContactSheet.picks(6000, 12)).startsWith(0).endsWith(5999).hasSize(12).isSorted()
                .doesNotHaveDuplicates();
        assertThat(ContactSheet.picks(0, 12)).isEmpty();
    }

    @Test
    void aGridOfTwelveScaledFramesInAFewTensOfKilobytes() throws IOException {
        Path zip = zipOf(24, "png", 1920, 1080);
        Path sheet = dir.resolve("sheet.jpg");

        long bytes = ContactSheet.write(zip, sheet).orElseThrow();

        BufferedImage image = ImageIO.read(sheet.toFile());
        assertThat(image.getWidth()).isEqualTo(4 * 160 + 3 * 2);
        assertThat(image.getHeight()).isEqualTo(3 * 90 + 2 * 2);
        assertThat(bytes).isEqualTo(Files.size(sheet)).isBetween(1_000L, 60_000L);
        // The first tile is frame 1 (dark), the last tile frame 24 (bright).
        assertThat(brightness(image.getRGB(80, 45))).isLessThan(brightness(image.getRGB(image.getWidth() - 80,
                image.getHeight() - 45)));
    }

    @Test
    void framesFarTallerThanWideMakeTilesOfBoundedHeight() throws IOException {
        Path zip = zipOf(12, "png", 16, 8192);
        Path sheet = dir.resolve("sheet.jpg");

        ContactSheet.write(zip, sheet).orElseThrow();

        // Scaled to the tile's width they would be 81,920 pixels high each, 630 MB of tiles in memory.
        BufferedImage image = ImageIO.read(sheet.toFile());
        assertThat(image.getWidth()).isEqualTo(4 * 160 + 3 * 2);
        assertThat(image.getHeight()).isEqualTo(3 * 320 + 2 * 2);
    }

    @Test
    void noSheetForFramesTheJdkCannotRead() throws IOException {
        Path frame = Files.writeString(dir.resolve("frame_00001.jpg"), "not a picture");
        Path zip = dir.resolve("frames.zip");
        try (FrameZip frames = FrameZip.create(zip)) {
            frames.add(frame);
            frames.finish();
        }

        assertThat(ContactSheet.write(zip, dir.resolve("sheet.jpg"))).isEmpty();
    }

    private Path zipOf(int count, String format, int width, int height) throws IOException {
        Path zip = dir.resolve("frames.zip");
        try (FrameZip frames = FrameZip.create(zip)) {
            for (int i = 1; i <= count; i++) {
                int grey = (int) Math.round(255.0 * (i - 1) / (count - 1));
                BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                var g = picture.createGraphics();
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(0, 0, width, height);
                g.dispose();
                Path frame = dir.resolve("frame_%05d.%s".formatted(i, format));
                ImageIO.write(picture, format, frame.toFile());
                frames.add(frame);
                Files.delete(frame);
            }
            frames.finish();
        }
        return zip;
    }

    private static int brightness(int rgb) {
        return (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
    }
}
