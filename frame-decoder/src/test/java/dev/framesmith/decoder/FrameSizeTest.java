package dev.framesmith.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameSizeTest {

    @Test
    void capsTheWidthAndKeepsTheAspectRatioWithEvenSides() {
        assertThat(FrameSize.of(3840, 2160, 1920)).containsExactly(1920, 1080);
        assertThat(FrameSize.of(320, 240, 101)).containsExactly(100, 76);
        assertThat(FrameSize.of(320, 241, 1920)).containsExactly(320, 242);
        assertThat(FrameSize.of(321, 241, 0)).containsExactly(320, 240);
    }
}
