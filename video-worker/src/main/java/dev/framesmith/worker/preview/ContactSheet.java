package dev.framesmith.worker.preview;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact sheet of a finished video: up to {@value #COLUMNS} × {@value #ROWS} evenly spaced frames of its ZIP,
 * first and last included, in a JPEG grid {@value #TILE_WIDTH} pixels wide per frame (a few tens of KB). Each frame is
 * fitted into a tile at most {@value #TILE_WIDTH} wide and {@value #MAX_TILE_HEIGHT} high (a frame taller than that is
 * centred in its column) and decoded subsampled to about twice the tile's size, so a 4K frame, or one a few pixels
 * wide and thousands high, costs a few hundred KB of memory, not tens of MB.
 * A sheet that cannot be made (a frame the JDK cannot decode) is no reason to fail the video: it is simply absent.
 */
public final class ContactSheet {

    static final int COLUMNS = 4;
    static final int ROWS = 3;
    static final int TILE_WIDTH = 160;
    static final int MAX_TILE_HEIGHT = 2 * TILE_WIDTH;
    private static final int GAP = 2;
    private static final float QUALITY = 0.75f;
    private static final Logger log = LoggerFactory.getLogger(ContactSheet.class);

    private ContactSheet() {
    }

    /**
     * Writes the sheet of the frames in {@code zip} to {@code target}.
     *
     * @return its size, or empty when the frames could not be read as pictures
     */
    public static Optional<Long> write(Path zip, Path target) {
        try (ZipFile frames = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = frames.stream().filter(entry -> !entry.isDirectory()).toList();
            // decoded side by side: the job waits for the sheet before it reports the video done
            List<BufferedImage> tiles = Arrays.stream(picks(entries.size(), COLUMNS * ROWS)).parallel()
                    .mapToObj(index -> tile(frames, entries.get(index))).toList();
            if (tiles.isEmpty()) {
                return Optional.empty();
            }
            writeJpeg(grid(tiles), target);
            return Optional.of(Files.size(target));
        } catch (IOException | RuntimeException e) {
            log.warn("No contact sheet: {}", e.toString());
            return Optional.empty();
        }
    }

    /** {@code wanted} indexes of {@code count} items, evenly spaced from the first to the last. */
    static int[] picks(int count, int wanted) {
        if (count <= wanted) {
            return IntStream.range(0, count).toArray();
        }
        return IntStream.range(0, wanted).map(i -> (int) Math.round(i * (count - 1) / (double) (wanted - 1)))
                .toArray();
    }

    private static BufferedImage tile(ZipFile frames, ZipEntry entry) {
        try (InputStream in = frames.getInputStream(entry);
                ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new IOException("a frame is not a picture the JDK reads");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                double scale = Math.min((double) TILE_WIDTH / width, (double) MAX_TILE_HEIGHT / height);
                int step = Math.max(1, (int) (1 / (2 * scale)));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage frame = reader.read(0, param);
                BufferedImage tile = new BufferedImage(Math.max(1, (int) Math.round(width * scale)),
                        Math.max(1, (int) Math.round(height * scale)), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = tile.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(frame, 0, 0, tile.getWidth(), tile.getHeight(), null);
                g.dispose();
                return tile;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage grid(List<BufferedImage> tiles) {
        int columns = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        int tileHeight = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage sheet = new BufferedImage(columns * TILE_WIDTH + (columns - 1) * GAP,
                rows * tileHeight + (rows - 1) * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            BufferedImage tile = tiles.get(i);
            g.drawImage(tile, (i % columns) * (TILE_WIDTH + GAP) + (TILE_WIDTH - tile.getWidth()) / 2,
                    (i / columns) * (tileHeight + GAP), null);
        }
        g.dispose();
        return sheet;
    }

    private static void writeJpeg(BufferedImage sheet, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream file = Files.newOutputStream(target);
                ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(sheet, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
