package dev.framesmith.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

class RejectedVideosTest {

    @TempDir
    static Path files;

    @TempDir
    Path work;

    static Path mp4;

    private final FrameExtraction extraction = ExtractionFixtures.extraction(ExtractionFixtures.SETTINGS);

    @BeforeAll
    static void makeFiles() {
        mp4 = TestVideos.mp4(files, "good.mp4", 2);
        TestVideos.text(files, "text-renamed.mp4");
        TestVideos.audioOnly(files, "audio-only.mp4", 2);
        TestVideos.empty(files, "zero-bytes.mp4");
        TestVideos.png(files, "picture.png");
        // Index at the end (FFmpeg's default): the cut-off copy has no index at all.
        TestVideos.truncated(mp4, files.resolve("truncated-no-index.mp4"), 0.6);
        // Index first: the cut-off copy opens and promises pictures its data no longer holds.
        TestVideos.truncated(TestVideos.mp4FastStart(files, "faststart.mp4", 2), files.resolve("truncated.mp4"), 0.7);
        TestVideos.truncated(TestVideos.mkv(files, "whole.mkv", 2), files.resolve("truncated.mkv"), 0.5);
        TestVideos.mp4ClaimingAHugeIndex(files, "huge-index.mp4");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("text-renamed.mp4", FailureCode.NOT_A_VIDEO),
                Arguments.of("audio-only.mp4", FailureCode.NO_VIDEO_STREAM),
                Arguments.of("zero-bytes.mp4", FailureCode.EMPTY_FILE),
                Arguments.of("picture.png", FailureCode.NOT_A_VIDEO),
                Arguments.of("truncated-no-index.mp4", FailureCode.CORRUPT_VIDEO),
                Arguments.of("truncated.mp4", FailureCode.CORRUPT_VIDEO),
                Arguments.of("truncated.mkv", FailureCode.CORRUPT_VIDEO),
                // opening it needs more than the 1 GB of address space every child of the tests runs in
                Arguments.of("huge-index.mp4", FailureCode.TOO_DEMANDING));
    }

    @ParameterizedTest(name = "{0} is rejected as {1}")
    @MethodSource("rejected")
    void rejectsWithACode(String name, FailureCode code) throws IOException {
        Path source = work.resolve("source");
        Files.copy(files.resolve(name), source);

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> extraction.extract(source, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                        Cancellation.none(), ExtractionFixtures.deadline()));

        assertThat(rejection).as("rejected").isNotNull();
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.getMessage()).isNotBlank();
        try (var left = Files.list(work)) {
            assertThat(left).containsExactly(source);
        }
    }

    /**
     * A picture within the size limit whose decoding needs more memory than the limit leaves (here 4096x2304 under
     * a few hundred MB): whichever allocation fails first (a picture buffer, a decoding thread, the encoder's
     * threads), the video fails as too demanding, not as damaged and not for a retry. The decoder's JVM does not
     * even start in so little: FFmpeg takes over and finds the same.
     */
    @ParameterizedTest(name = "{0} within {1} of address space")
    @CsvSource({"FILTER, 100MB", "FILTER, 150MB", "FILTER, 200MB", "PARTIAL_DECODE, 100MB", "PARTIAL_DECODE, 200MB"})
    void rejectsAVideoThatNeedsMoreMemoryThanAJobMayUse(ExtractionMethod method, String memory) throws IOException {
        Path big = TestVideos.sized(files, "4096x2304.mp4", 4096, 2304, 1);
        FrameExtraction limited = new FrameExtraction(TestVideos.limitedFfmpeg(DataSize.parse(memory)),
                TestVideos.decoder(DataSize.parse(memory)), ExtractionFixtures.SETTINGS);
        Path source = Files.copy(big, work.resolve("source"));

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> limited.extract(source, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                        Cancellation.none(), ExtractionFixtures.deadline(), method));

        assertThat(rejection).as("rejected").isNotNull();
        assertThat(rejection.code()).isEqualTo(FailureCode.TOO_DEMANDING);
        assertThat(rejection.getMessage()).isEqualTo("Decoding this video needs more memory than a job may use.");
        try (var left = Files.list(work)) {
            assertThat(left).containsExactly(source);
        }
    }

    /** Within 400 MB FFmpeg decodes a small video, the decoder's JVM (128 MB of heap, code cache, classes) cannot. */
    @Test
    void aDecoderThatCannotStartWithinTheMemoryLimitLeavesTheVideoToFfmpeg() {
        DataSize memory = DataSize.ofMegabytes(400);
        FrameExtraction limited = new FrameExtraction(TestVideos.limitedFfmpeg(memory), TestVideos.decoder(memory),
                ExtractionFixtures.SETTINGS);

        ExtractionResult result = limited.extract(mp4, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                Cancellation.none(), ExtractionFixtures.deadline(), ExtractionMethod.PARTIAL_DECODE);

        assertThat(result.method()).isEqualTo(ExtractionMethod.FILTER);
        assertThat(result.frameCount()).isEqualTo(2);
    }

    @Test
    void rejectsVideosLongerThanTheMaximum() {
        FrameExtraction strict = ExtractionFixtures.extraction(ExtractionFixtures.settings(
                Map.of("processing.max-duration", "1s")));

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> strict.extract(mp4, ExtractionOptions.DEFAULT, work, ProgressListener.NONE, Cancellation.none(), ExtractionFixtures.deadline()));

        assertThat(rejection.code()).isEqualTo(FailureCode.TOO_LONG);
        assertThat(rejection.getMessage()).isEqualTo("The video lasts 2 s; the maximum is 1 s.");
    }

    @Test
    void rejectsRatesThatWouldGiveTooManyFrames() {
        FrameExtraction strict = ExtractionFixtures.extraction(ExtractionFixtures.settings(
                Map.of("processing.max-frames", "10")));

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> strict.extract(mp4, new ExtractionOptions(30, null, null), work, ProgressListener.NONE,
                        Cancellation.none(), ExtractionFixtures.deadline()));

        assertThat(rejection.code()).isEqualTo(FailureCode.TOO_MANY_FRAMES);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // 320 x 240 is 76 800 pixels; at 25 fps, 1 920 000 pixels per second
            "worker.limits.max-frame-pixels | 76799   | RESOLUTION_TOO_HIGH | The video's picture is 320x240 (0.1 megapixels);"
                    + " at most 0.1 megapixels are allowed.",
            "worker.limits.max-pixel-rate | 1919999 | TOO_DEMANDING       | The video shows 320x240 pictures at 25 per second,"
                    + " more than can be decoded within the allowed budget."})
    void rejectsAVideoAboveTheDecodingBudgetBeforeDecodingIt(String setting, String limit, FailureCode code,
            String message) {
        FrameExtraction strict = ExtractionFixtures.extraction(ExtractionFixtures.settings(Map.of(setting, limit)));

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> strict.extract(mp4, ExtractionOptions.DEFAULT, work, ProgressListener.NONE, Cancellation.none(),
                        ExtractionFixtures.deadline()));

        assertThat(rejection).as("rejected").isNotNull();
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.getMessage()).isEqualTo(message);
        assertThat(work.resolve("frames")).doesNotExist();
    }

    @Test
    void tagsThatLookLikeASmallerPictureDoNotGetAVideoPastTheBudget() {
        Path lying = TestVideos.mp4WithLyingTags(files, "lying-tags.mp4", 2);
        FrameExtraction strict = ExtractionFixtures.extraction(ExtractionFixtures.settings(Map.of(
                "worker.limits.max-frame-pixels", "76799")));

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> strict.extract(lying, ExtractionOptions.DEFAULT, work, ProgressListener.NONE,
                        Cancellation.none(), ExtractionFixtures.deadline()));

        assertThat(rejection).as("rejected").isNotNull();
        assertThat(rejection.code()).isEqualTo(FailureCode.RESOLUTION_TOO_HIGH);
        assertThat(rejection.getMessage()).startsWith("The video's picture is 320x240");
        assertThat(work.resolve("frames")).doesNotExist();
    }
}
