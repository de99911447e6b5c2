package dev.framesmith.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.worker.ffmpeg.FfmpegFailedException;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegVerdictTest {

    /**
     * What FFmpeg wrote when a 4096x2304 H.264 clip was extracted under address-space limits of 100 to 350 MiB (the
     * bundled 4.4 build and Debian's 5.1): each run ran out of memory somewhere else.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "[h264 @ 0x32769040] get_buffer() failed",
            "Error while opening decoder for input stream #0:0 : Resource temporarily unavailable",
            "[h264 @ 0x11da7880] Could not allocate memory",
            "[mjpeg @ 0x14163c40] ff_frame_thread_encoder_init failed"})
    void aRunOutOfMemoryFailsTheVideoAsTooDemanding(String line) {
        FfmpegRun run = new FfmpegRun(1, List.of("[h264 @ 0x32769040] decode_slice_header error", line));

        assertThat(rejection(run).code()).isEqualTo(FailureCode.TOO_DEMANDING);
    }

    @Test
    void aDamagedStreamFailsTheVideoAsCorrupt() {
        FfmpegRun run = new FfmpegRun(1, List.of("[h264 @ 0x5581] Invalid NAL unit size (1701 > 96).",
                "Error while decoding stream #0:0: Invalid data found when processing input"));

        assertThat(rejection(run).code()).isEqualTo(FailureCode.CORRUPT_VIDEO);
    }

    @Test
    void aFullDiskOrACrashIsTheMachinesProblemAndRetried() {
        assertThatThrownBy(() -> FfmpegVerdict.check(new FfmpegRun(1,
                List.of("frame_00012.jpg: No space left on device")))).isInstanceOf(FfmpegFailedException.class);
        assertThatThrownBy(() -> FfmpegVerdict.check(new FfmpegRun(139, List.of())))
                .isInstanceOf(FfmpegFailedException.class);
    }

    private static VideoRejectedException rejection(FfmpegRun run) {
        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> FfmpegVerdict.check(run));
        assertThat(rejection).as("rejected").isNotNull();
        return rejection;
    }
}
