package dev.framesmith.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.ffmpeg.Cancellation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameCollectorTest {

    private static final long MAX_BYTES = 10_000;
    private static final ExtractionSettings.Budget BUDGET =
            new ExtractionSettings.Budget(1, 1, MAX_BYTES, 0, 1);

    @TempDir
    Path work;

    @Test
    void framesWrittenInLineGoIntoTheArchiveAndLeaveTheDirectory() throws IOException {
        Path frames = Files.createDirectory(work.resolve("frames"));
        Cancellation.Child producer = Cancellation.none().child();
        try (FrameCollector collector = new FrameCollector(frames, "jpg", work.resolve("frames.zip"), MAX_BYTES,
                producer)) {
            for (int i = 1; i <= 5; i++) {
                frame(frames, i, 1_000);
            }

            assertThat(collector.finish(BUDGET)[0]).isEqualTo(5);
            assertThat(producer.cancellation().isCancelled()).isFalse();
        }
        try (var left = Files.list(frames)) {
            assertThat(left).isEmpty();
        }
    }

    /** One lane of the partial decoder ahead of the other: its frames wait on disk and count against the budget. */
    @Test
    void framesWaitingAheadOfTheNextOneInLineCountAgainstTheBudget() throws IOException {
        Path frames = Files.createDirectory(work.resolve("frames"));
        Cancellation.Child producer = Cancellation.none().child();
        try (FrameCollector collector = new FrameCollector(frames, "jpg", work.resolve("frames.zip"), MAX_BYTES,
                producer)) {
            for (int i = 2; i <= 12; i++) {
                frame(frames, i, 1_000);
            }

            await("the producer stopped").atMost(Duration.ofSeconds(10))
                    .until(() -> producer.cancellation().isCancelled());
            assertThat(collector.exceeded()).isTrue();
            assertThatThrownBy(() -> collector.finish(BUDGET)).isInstanceOf(VideoRejectedException.class)
                    .satisfies(e -> assertThat(((VideoRejectedException) e).code())
                            .isEqualTo(FailureCode.OUTPUT_TOO_LARGE));
        }
    }

    private static void frame(Path frames, int number, int bytes) throws IOException {
        Path partial = frames.resolve("writing-" + number);
        Files.write(partial, new byte[bytes]);
        Files.move(partial, frames.resolve(String.format("frame_%05d.jpg", number)));
    }
}
