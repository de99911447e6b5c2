package dev.framesmith.worker.extraction;

import static dev.framesmith.worker.extraction.ExtractionFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.FailureCode;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The partial decoder keeps exactly the pictures FFmpeg's {@code fps=R:round=up} filter keeps, on the streams where
 * decoding from a keyframe is hardest: B-frames, an open GOP (HEVC), hidden alternate reference frames (VP9), a
 * variable frame rate, and keyframes only at the start. Each frame the filter keeps is found among the decoded
 * pictures of the source (the pattern changes all over with every picture); the partial decoder's frame must match it
 * with a PSNR of at least 45 dB (they differ only by the two FFmpeg versions' colour conversion) and be further from
 * the pictures just before and after it.
 * Clips: 320x240, 12 to 16 s, made in about 10 s in all.
 */
class PartialDecodeAccuracyTest {

    private static final double MIN_PSNR = 45;

    @TempDir
    static Path dir;

    static final Map<String, Path> clips = new HashMap<>();
    /** Every decoded picture of each clip, as RGB pixels, and where each distinct picture is. */
    static final Map<String, List<int[]>> pictures = new HashMap<>();
    static final Map<String, Map<Integer, Integer>> pictureIndex = new HashMap<>();

    @TempDir
    Path work;

    private final FrameExtraction extraction = ExtractionFixtures.extraction(ExtractionFixtures.SETTINGS);

    @BeforeAll
    static void makeClips() {
        clips.put("h264-bframes", TestVideos.h264BFrames(dir, "h264-bframes.mp4", 12));
        clips.put("hevc", TestVideos.hevc(dir, "hevc.mp4", 12));
        clips.put("vp9", TestVideos.vp9AltRef(dir, "vp9.webm", 12));
        clips.put("vfr", TestVideos.variableRate(dir, "vfr.mp4", 12));
        clips.put("early-keyframes", TestVideos.earlyKeyframesOnly(dir, "early-keyframes.mp4", 16, 4));
        clips.forEach((name, clip) -> {
            List<int[]> all = TestVideos.allPictures(clip, dir.resolve(name + "-pictures")).stream()
                    .map(ExtractionFixtures::read).map(PartialDecodeAccuracyTest::pixels).toList();
            Map<Integer, Integer> index = new HashMap<>();
            for (int i = all.size() - 1; i >= 0; i--) {
                index.put(Arrays.hashCode(all.get(i)), i);
            }
            pictures.put(name, all);
            pictureIndex.put(name, index);
        });
    }

    @ParameterizedTest(name = "{0} at {1} fps")
    @CsvSource({"h264-bframes, 1", "h264-bframes, 0.3", "hevc, 1", "hevc, 2.5", "vp9, 1", "vp9, 0.3", "vfr, 1",
            "vfr, 2.5", "early-keyframes, 1", "early-keyframes, 0.1"})
    void keepsThePicturesTheFilterKeeps(String clip, double fps) {
        ExtractionOptions options = new ExtractionOptions(fps, ImageFormat.PNG, null);

        ExtractionResult filtered = extraction.extract(clips.get(clip), options, work.resolve("filter"),
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.FILTER);
        ExtractionResult decoded = extraction.extract(clips.get(clip), options, work.resolve("partial"),
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(),
                ExtractionMethod.PARTIAL_DECODE);

        assertThat(decoded.method()).isEqualTo(ExtractionMethod.PARTIAL_DECODE);
        List<ExtractionFixtures.Entry> expected = entries(filtered.zip());
        List<ExtractionFixtures.Entry> actual = entries(decoded.zip());
        assertThat(actual).extracting(ExtractionFixtures.Entry::name)
                .containsExactlyElementsOf(expected.stream().map(ExtractionFixtures.Entry::name).toList());
        List<int[]> source = pictures.get(clip);
        for (int i = 0; i < expected.size(); i++) {
            int[] reference = pixels(expected.get(i).image());
            int[] frame = pixels(actual.get(i).image());
            Integer shown = pictureIndex.get(clip).get(Arrays.hashCode(reference));
            assertThat(shown).as("frame %d of the filter is a source picture", i + 1).isNotNull();
            double own = psnr(frame, reference);
            assertThat(own).as("PSNR of frame %d", i + 1).isGreaterThanOrEqualTo(MIN_PSNR);
            for (int neighbour : new int[] {shown - 1, shown + 1}) {
                if (neighbour >= 0 && neighbour < source.size() && !Arrays.equals(source.get(neighbour), reference)) {
                    assertThat(psnr(frame, source.get(neighbour))).as("frame %d against picture %d", i + 1, neighbour)
                            .isLessThan(own);
                }
            }
        }
        assertThat(decoded.decodeStats().sent()).as("packets decoded at most once")
                .isLessThanOrEqualTo(decoded.decodeStats().packets());
        assertThat(decoded.decodeStats().lanes()).as("decoders side by side (the default two threads)").isEqualTo(2);
    }

    @Test
    void decodesTheStreamLinearlyWhenKeyframesStopEarly() {
        // a frame every second of 16 s, all after 4 s hanging on the last keyframe: one run, not one per frame
        ExtractionResult result = extraction.extract(clips.get("early-keyframes"), ExtractionOptions.DEFAULT,
                work, ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(),
                ExtractionMethod.PARTIAL_DECODE);

        assertThat(result.frameCount()).isEqualTo(16);
        DecodeStats stats = result.decodeStats();
        assertThat(stats.packets()).isEqualTo(480);
        assertThat(stats.sent()).isLessThanOrEqualTo(stats.packets());
        assertThat(stats.seeks()).isZero();
    }

    @Test
    void fallsBackToTheFilterWhenTheStreamHasNoTimestamps() {
        Path avi = TestVideos.aviBFrames(dir, "b-frames.avi", 3);

        ExtractionResult result = extraction.extract(avi, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.PARTIAL_DECODE);

        ExtractionResult filtered = extraction.extract(avi, ExtractionOptions.DEFAULT, work.resolve("filter"),
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.FILTER);
        assertThat(result.method()).isEqualTo(ExtractionMethod.FILTER);
        assertThat(result.decodeStats()).isNull();
        assertThat(result.frameCount()).isEqualTo(filtered.frameCount()).isGreaterThanOrEqualTo(3);
        assertThat(entries(result.zip())).extracting(ExtractionFixtures.Entry::name)
                .containsExactlyElementsOf(ExtractionFixtures.expectedNames(filtered.frameCount(), "jpg"));
    }

    @Test
    void failsATruncatedFileInsteadOfReturningHalfItsFrames() {
        Path truncated = TestVideos.truncated(TestVideos.mp4FastStart(dir, "faststart-12s.mp4", 12),
                dir.resolve("truncated-12s.mp4"), 0.6);

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> extraction.extract(truncated, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                        Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.PARTIAL_DECODE));

        assertThat(rejection).isNotNull();
        assertThat(rejection.code()).isEqualTo(FailureCode.CORRUPT_VIDEO);
        assertThat(work.resolve("frames")).doesNotExist();
        assertThat(work.resolve("frames.zip")).doesNotExist();
    }

    static int[] pixels(BufferedImage image) {
        assertThat(image.getWidth()).isEqualTo(TestVideos.WIDTH);
        assertThat(image.getHeight()).isEqualTo(TestVideos.HEIGHT);
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Peak signal-to-noise ratio of two pictures' RGB channels in dB; infinite for identical pictures. */
    static double psnr(int[] a, int[] b) {
        double squares = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = ((a[i] >> shift) & 0xFF) - ((b[i] >> shift) & 0xFF);
                squares += d * d;
            }
        }
        double mse = squares / (3.0 * a.length);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
