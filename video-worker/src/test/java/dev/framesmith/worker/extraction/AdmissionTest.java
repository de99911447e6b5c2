package dev.framesmith.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.framesmith.contracts.FailureCode;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.worker.probe.ProbeReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final FrameSpec JPEG = new FrameSpec(ImageFormat.JPG,
            ExtractionFixtures.SETTINGS.width().effective(null));

    /**
     * What FFmpeg 5.1 reports for H.264 in MPEG-TS whose parameter sets are missing (removed, or beyond what it
     * reads to probe): a picture stream of unknown size ("none").
     */
    @Test
    void aPictureOfUnknownSizeIsADamagedVideo() {
        ProbeReport report = new ProbeReport(true, "mpegts", 2.0, 1.4,
                new ProbeReport.VideoStream(0, "h264", 0, 0, 25.0), false, "mpegts",
                List.of("Could not find codec parameters for stream 0 (Video: h264, none): unspecified size"));

        VideoRejectedException rejection = catchThrowableOfType(VideoRejectedException.class,
                () -> Admission.admit(500_000, report, Rate.of(1), JPEG, ExtractionFixtures.SETTINGS));

        assertThat(rejection).as("rejected").isNotNull();
        assertThat(rejection.code()).isEqualTo(FailureCode.CORRUPT_VIDEO);
        assertThat(rejection.getMessage()).contains("size of the video's picture cannot be read");
    }

    @Test
    void aPictureOfKnownSizeIsAdmitted() {
        ProbeReport report = new ProbeReport(true, "mpegts", 2.0, 1.4,
                new ProbeReport.VideoStream(0, "h264", 320, 240, 25.0), false, "mpegts", List.of());

        AdmittedVideo admitted = Admission.admit(500_000, report, Rate.of(1), JPEG, ExtractionFixtures.SETTINGS);

        assertThat(admitted.frameCount()).isEqualTo(2);
        assertThat(admitted.estimatedBytes()).isPositive();
    }
}
