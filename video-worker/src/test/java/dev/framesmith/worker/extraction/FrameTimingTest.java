package dev.framesmith.worker.extraction;

import static dev.framesmith.worker.extraction.ExtractionFixtures.closest;
import static dev.framesmith.worker.extraction.ExtractionFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame i must be the picture shown at t = (i - 1) / fps: the last source picture whose timestamp
 * is at most t. Each extracted frame is matched against every decoded source picture (the test
 * pattern changes with every picture), and both methods must find the same ones.
 */
class FrameTimingTest {

    @TempDir
    static Path dir;

    static Path mp4;
    static Path mov;
    static List<BufferedImage> mp4Pictures;
    static List<BufferedImage> movPictures;

    @TempDir
    Path work;

    private final FrameExtraction extraction = ExtractionFixtures.extraction(ExtractionFixtures.SETTINGS);

    @BeforeAll
    static void makeVideos() {
        mp4 = TestVideos.mp4(dir, "25fps.mp4", 3);
        mov = TestVideos.mov(dir, "ntsc.mov", 2);
        mp4Pictures = TestVideos.allPictures(mp4, dir.resolve("mp4-pictures")).stream()
                .map(ExtractionFixtures::read).toList();
        movPictures = TestVideos.allPictures(mov, dir.resolve("mov-pictures")).stream()
                .map(ExtractionFixtures::read).toList();
    }

    @ParameterizedTest(name = "{0} at {1} fps (source {2} fps)")
    @CsvSource({"mp4, 2, 25", "mp4, 0.5, 25", "mov, 2, 29.97002997", "mov, 3, 29.97002997"})
    void bothMethodsTakeThePictureShownAtEachSamplingTime(String kind, double fps, double sourceFps) {
        Path source = kind.equals("mp4") ? mp4 : mov;
        List<BufferedImage> pictures = kind.equals("mp4") ? mp4Pictures : movPictures;
        ExtractionOptions options = new ExtractionOptions(fps, ImageFormat.PNG, null);

        List<Integer> filtered = pictureIndexes(extraction.extract(source, options, work.resolve("filter"),
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.FILTER), pictures);
        List<Integer> sought = pictureIndexes(extraction.extract(source, options, work.resolve("seek"),
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.PARTIAL_DECODE), pictures);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < filtered.size(); i++) {
            double t = i / fps;
            expected.add((int) Math.floor(t * sourceFps + 1e-6));
        }
        assertThat(filtered).isEqualTo(expected);
        assertThat(sought).hasSameSizeAs(filtered);
        for (int i = 0; i < filtered.size(); i++) {
            assertThat(sought.get(i)).as("frame %d", i + 1).isBetween(filtered.get(i) - 1, filtered.get(i) + 1);
        }
        assertThat(sought).as("same pictures for a constant-rate source").isEqualTo(filtered);
    }

    private static List<Integer> pictureIndexes(ExtractionResult result, List<BufferedImage> pictures) {
        return entries(result.zip()).stream().map(entry -> closest(entry.image(), pictures)).toList();
    }
}
