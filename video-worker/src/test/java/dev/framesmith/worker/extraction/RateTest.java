package dev.framesmith.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void keepsTheRequestedRateExact() {
        assertThat(Rate.of(1).ffmpeg()).isEqualTo("1/1");
        assertThat(Rate.of(0.5).ffmpeg()).isEqualTo("1/2");
        assertThat(Rate.of(2.5).ffmpeg()).isEqualTo("5/2");
        assertThat(Rate.of(0.01).ffmpeg()).isEqualTo("1/100");
        assertThat(Rate.of(30).ffmpeg()).isEqualTo("30/1");
    }

    @Test
    void placesFramesAtMultiplesOfTheInterval() {
        Rate rate = Rate.of(0.5);

        assertThat(rate.secondsAt(0)).isZero();
        assertThat(rate.secondsAt(1)).isEqualTo(2.0);
        assertThat(rate.secondsAt(7)).isEqualTo(14.0);
    }

    @Test
    void countsTheSamplingTimesBeforeTheEnd() {
        assertThat(Rate.of(1).framesIn(5.0)).isEqualTo(5);
        assertThat(Rate.of(1).framesIn(5.01)).isEqualTo(6);
        assertThat(Rate.of(0.5).framesIn(5.0)).isEqualTo(3);
        assertThat(Rate.of(2).framesIn(5.0)).isEqualTo(10);
        assertThat(Rate.of(1).framesIn(0.04)).isEqualTo(1);
        assertThat(Rate.of(0.1).framesIn(30.0)).isEqualTo(3);
    }
}
