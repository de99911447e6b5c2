package dev.framesmith.worker.extraction;

import static dev.framesmith.worker.extraction.ExtractionFixtures.SETTINGS;
import static dev.framesmith.worker.extraction.ExtractionFixtures.entries;
import static dev.framesmith.worker.extraction.ExtractionFixtures.expectedNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FrameExtractionTest {

    @TempDir
    static Path videos;

    @TempDir
    Path work;

    static Path mp4;
    static Path webm;
    static Path mkv;
    static Path mov;
    static Path wide;

    private final FrameExtraction extraction = ExtractionFixtures.extraction(SETTINGS);

    @BeforeAll
    static void makeVideos() {
        mp4 = TestVideos.mp4(videos, "h264-aac.mp4", 5);
        webm = TestVideos.webm(videos, "vp9.webm", 3);
        mkv = TestVideos.mkv(videos, "h264.mkv", 4);
        mov = TestVideos.mov(videos, "h264-aac-ntsc.mov", 2);
        wide = TestVideos.sized(videos, "wide.mp4", 2560, 1440, 1);
    }

    static Stream<Arguments> framesPerVideo() {
        return Stream.of(
                Arguments.of("mp4", 1.0, 5), Arguments.of("mp4", 0.5, 3), Arguments.of("mp4", 2.0, 10),
                Arguments.of("webm", 1.0, 3), Arguments.of("webm", 0.5, 2), Arguments.of("webm", 2.0, 6),
                Arguments.of("mkv", 1.0, 4), Arguments.of("mkv", 0.5, 2), Arguments.of("mkv", 2.0, 8),
                // 2.002 s of pictures at 29.97 fps: the picture shown at t = 2.0 still exists
                Arguments.of("mov", 1.0, 3), Arguments.of("mov", 0.5, 2), Arguments.of("mov", 2.0, 5));
    }

    @ParameterizedTest(name = "{0} at {1} fps gives {2} frames")
    @MethodSource("framesPerVideo")
    void extractsOneFramePerSamplingTime(String kind, double fps, int expected) {
        Path source = switch (kind) {
            case "mp4" -> mp4;
            case "webm" -> webm;
            case "mkv" -> mkv;
            default -> mov;
        };

        ExtractionResult result = extraction.extract(source, new ExtractionOptions(fps, ImageFormat.JPG, null), work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(result.frameCount()).isEqualTo(expected);
        assertThat(result.zipBytes()).isEqualTo(size(result.zip()));
        var entries = entries(result.zip());
        assertThat(entries).extracting(ExtractionFixtures.Entry::name).containsExactlyElementsOf(expectedNames(expected, "jpg"));
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.method()).isEqualTo(ZipEntry.STORED);
            assertThat(entry.compressedSize()).isEqualTo(entry.size());
            assertThat(entry.image().getWidth()).isEqualTo(TestVideos.WIDTH);
            assertThat(entry.image().getHeight()).isEqualTo(TestVideos.HEIGHT);
        });
        assertThat(work.resolve("frames")).doesNotExist();
    }

    /** FFmpeg says more of its input than any other run here: three lines per chapter before the streams. */
    @Test
    void aVideoWithHundredsOfChaptersIsExtracted() {
        Path chaptered = TestVideos.mp4WithChapters(videos, "chapters.mp4", 5, 500);

        ExtractionResult result = extraction.extract(chaptered, ExtractionOptions.DEFAULT, work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(entries(result.zip())).hasSize(5);
        assertThat(result.durationSeconds()).isCloseTo(5.0, within(0.05));
    }

    @Test
    void reportsTheSourceDuration() {
        ExtractionResult result = extraction.extract(mp4, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(result.durationSeconds()).isCloseTo(5.0, within(0.05));
        assertThat(result.method()).isEqualTo(ExtractionMethod.FILTER);
    }

    @Test
    void writesPngFramesScaledToTheMaximumWidth() {
        ExtractionResult result = extraction.extract(mp4, new ExtractionOptions(1, ImageFormat.PNG, 160), work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        var entries = entries(result.zip());
        assertThat(entries).extracting(ExtractionFixtures.Entry::name).containsExactlyElementsOf(expectedNames(5, "png"));
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.image().getWidth()).isEqualTo(160);
            assertThat(entry.image().getHeight()).isEqualTo(120);
        });
    }

    @Test
    void keepsDimensionsEvenWhenScaling() {
        ExtractionResult result = extraction.extract(mkv, new ExtractionOptions(1, ImageFormat.JPG, 101), work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(entries(result.zip())).allSatisfy(entry -> {
            assertThat(entry.image().getWidth()).isEqualTo(100);
            assertThat(entry.image().getHeight()).isEqualTo(76);
        });
    }

    @Test
    void neverEnlargesFrames() {
        ExtractionResult result = extraction.extract(webm, new ExtractionOptions(1, ImageFormat.JPG, 1920), work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(entries(result.zip())).allSatisfy(entry ->
                assertThat(entry.image().getWidth()).isEqualTo(TestVideos.WIDTH));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExtractionMethod.class)
    void scalesFramesWiderThanTheDefaultWidthUnlessAWiderOneIsAsked(ExtractionMethod method) {
        ExtractionResult scaled = extraction.extract(wide, ExtractionOptions.DEFAULT, work.resolve("default"),
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(), method);
        ExtractionResult asked = extraction.extract(wide, new ExtractionOptions(1, ImageFormat.JPG, 2560),
                work.resolve("asked"), ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline(),
                method);

        assertThat(scaled.method()).isEqualTo(method);
        assertThat(entries(scaled.zip())).singleElement().satisfies(entry -> {
            assertThat(entry.image().getWidth()).isEqualTo(ExtractionOptions.DEFAULT_MAX_WIDTH);
            assertThat(entry.image().getHeight()).isEqualTo(1080);
        });
        assertThat(entries(asked.zip())).singleElement().satisfies(entry ->
                assertThat(entry.image().getWidth()).isEqualTo(2560));
    }

    @Test
    void reportsProgressUpToTheEnd() {
        List<Double> reported = new CopyOnWriteArrayList<>();

        extraction.extract(mp4, new ExtractionOptions(2, ImageFormat.JPG, null), work, reported::add,
                Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(reported).isNotEmpty().isSortedAccordingTo(Double::compare);
        assertThat(reported).allSatisfy(fraction -> assertThat(fraction).isBetween(0.0, 1.0));
        assertThat(reported.get(reported.size() - 1)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void decodesOnlyWhatTheFramesNeedInVideosLongEnough() {
        FrameExtraction eager = ExtractionFixtures.extraction(ExtractionFixtures.settings(
                Map.of("worker.decoder.min-duration", "0s")));

        ExtractionResult sparse = eager.extract(mp4, new ExtractionOptions(0.25, ImageFormat.JPG, null), work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(sparse.method()).isEqualTo(ExtractionMethod.PARTIAL_DECODE);
        assertThat(sparse.frameCount()).isEqualTo(2);
        assertThat(entries(sparse.zip())).extracting(ExtractionFixtures.Entry::name)
                .containsExactlyElementsOf(expectedNames(2, "jpg"));
        // frames at 0 s and 4 s of a 25 fps video with a keyframe every second: two short runs
        assertThat(sparse.decodeStats().packets()).isEqualTo(125);
        assertThat(sparse.decodeStats().sent()).isLessThanOrEqualTo(2 + 1 + 25);
        assertThat(work.resolve("frames")).doesNotExist();
    }

    @Test
    void decodesEverythingForShortVideosWhateverTheRate() {
        ExtractionResult result = extraction.extract(mp4, new ExtractionOptions(0.2, ImageFormat.JPG, null), work,
                ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline());

        assertThat(result.method()).isEqualTo(ExtractionMethod.FILTER);
    }

    @Test
    void aCancelledJobStopsAndLeavesNoFrames() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        assertThatThrownBy(() -> extraction.extract(mp4, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                cancellation, ExtractionFixtures.deadline())).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(work.resolve("frames")).doesNotExist();
        assertThat(work.resolve("frames.zip")).doesNotExist();
    }

    @Test
    void aJobThatWouldTakeTheWorkDirectoryIntoItsReserveWritesNothingAndIsLeftToAnotherWorker() {
        FrameExtraction cramped = ExtractionFixtures.extraction(ExtractionFixtures.settings(
                Map.of("worker.limits.min-free-space", "1000TB")));

        assertThatThrownBy(() -> cramped.extract(mp4, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                Cancellation.none(), ExtractionFixtures.deadline())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bytes free; the job needs");
        assertThat(work.resolve("frames")).doesNotExist();
        assertThat(work.resolve("frames.zip")).doesNotExist();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
