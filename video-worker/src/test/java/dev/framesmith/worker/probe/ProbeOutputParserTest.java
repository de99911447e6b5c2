package dev.framesmith.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeOutputParserTest {

    @Test
    void readsAnMp4WithSound() {
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/tmp/job/source':",
                "  Metadata:",
                "    major_brand     : isom",
                "  Duration: 00:01:05.52, start: 0.000000, bitrate: 227 kb/s",
                "  Stream #0:0(und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p, 1920x1080 "
                        + "[SAR 1:1 DAR 16:9], 145 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)",
                "    Metadata:",
                "      handler_name    : VideoHandler",
                "  Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 73 kb/s (default)",
                "At least one output file must be specified"));

        assertThat(report.opened()).isTrue();
        assertThat(report.container()).isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");
        assertThat(report.durationSeconds()).isEqualTo(65.52);
        assertThat(report.startSeconds()).isZero();
        assertThat(report.video()).isEqualTo(new ProbeReport.VideoStream(0, "h264", 1920, 1080, 25.0));
        assertThat(report.hasAudio()).isTrue();
        assertThat(report.isStillImage()).isFalse();
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void tagsNamedLikeAStreamOrTheDurationAreNotTakenForThem() {
        // What FFmpeg prints for an MP4 with such tags (-movflags use_metadata_tags): the real picture is 64x4096.
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/tmp/job/source':",
                "  Metadata:",
                "    major_brand     : isom",
                "    Stream #0:0: Video: h264, 16x16, 1 fps, 1 tbr: x",
                "    Duration: 00:00:01.00, start: 0.000000, bitrate: 1 kb/s: y",
                "  Duration: 00:00:03.00, start: 0.000000, bitrate: 6 kb/s",
                "  Stream #0:0[0x1](und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p(progressive),"
                        + " 64x4096 [SAR 1:1 DAR 1:64], 3 kb/s, 1 fps, 1 tbr, 16384 tbn (default)",
                "    Metadata:",
                "      handler_name    : VideoHandler",
                "      Stream #0:1: Video: h264, 16x16, 1 fps, 1 tbr: x",
                "      Duration: 00:00:01.00, start: 0.000000, bitrate: 1 kb/s: y",
                "                      : a second line of the same tag",
                "At least one output file must be specified"));

        assertThat(report.opened()).isTrue();
        assertThat(report.durationSeconds()).isEqualTo(3.0);
        assertThat(report.video()).isEqualTo(new ProbeReport.VideoStream(0, "h264", 64, 4096, 1.0));
    }

    @Test
    void aDescriptionThatNamesAStreamOrTheDurationTwiceIsNotTrusted() {
        // A tag name with a line break in it can print a line indented like a real one.
        ProbeReport twoStreams = ProbeOutputParser.parse(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/tmp/job/source':",
                "  Duration: 00:00:03.00, start: 0.000000, bitrate: 6 kb/s",
                "  Stream #0:0: Video: h264, 16x16, 1 fps, 1 tbr",
                "  Stream #0:0[0x1](und): Video: h264, yuv420p, 16000x16000, 1 fps, 1 tbr, 16384 tbn (default)"));
        ProbeReport twoDurations = ProbeOutputParser.parse(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/tmp/job/source':",
                "  Duration: 00:00:03.00, start: 0.000000, bitrate: 6 kb/s",
                "  Stream #0:0: Video: h264, yuv420p, 320x240, 1 fps, 1 tbr, 16384 tbn (default)",
                "  Duration: 00:00:01.00, start: 0.000000, bitrate: 1 kb/s"));

        assertThat(List.of(twoStreams, twoDurations)).allSatisfy(report -> {
            assertThat(report.opened()).isFalse();
            assertThat(report.video()).isNull();
            assertThat(report.errors()).contains(ProbeOutputParser.AMBIGUOUS);
        });
    }

    @Test
    void readsAWebmWithANegativeStartAndFractionalRate() {
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "Input #0, matroska,webm, from 'source':",
                "  Duration: 00:00:03.01, start: -0.007000, bitrate: 303 kb/s",
                "  Stream #0:0: Audio: opus, 48000 Hz, mono, fltp (default)",
                "  Stream #0:1: Video: vp9 (Profile 0), yuv420p(tv, progressive), 320x240, SAR 1:1 DAR 4:3, "
                        + "29.97 fps, 29.97 tbr, 1k tbn, 1k tbc (default)"));

        assertThat(report.durationSeconds()).isEqualTo(3.01);
        assertThat(report.startSeconds()).isEqualTo(-0.007);
        assertThat(report.video()).isEqualTo(new ProbeReport.VideoStream(1, "vp9", 320, 240, 29.97));
    }

    @Test
    void readsTransportStreamIdsAndFallsBackToTheBaseRate() {
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "Input #0, mpegts, from 'source':",
                "  Duration: 00:00:10.00, start: 1.400000, bitrate: 1000 kb/s",
                "  Program 1 ",
                "    Stream #0:0[0x100]: Video: h264 (High) ([27][0][0][0] / 0x001B), yuv420p(progressive), "
                        + "1280x720 [SAR 1:1 DAR 16:9], 50 tbr, 90k tbn, 100 tbc"));

        assertThat(report.startSeconds()).isEqualTo(1.4);
        assertThat(report.video()).isEqualTo(new ProbeReport.VideoStream(0, "h264", 1280, 720, 50.0));
    }

    @Test
    void ignoresCoverPictures() {
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "Input #0, mp3, from 'source':",
                "  Duration: 00:03:00.00, start: 0.025057, bitrate: 128 kb/s",
                "  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s",
                "  Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 500x500, 90k tbr, "
                        + "90k tbn, 90k tbc (attached pic)"));

        assertThat(report.video()).isNull();
        assertThat(report.hasAudio()).isTrue();
    }

    @Test
    void recognisesStillPicturesAndMissingDurations() {
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "Input #0, png_pipe, from 'source':",
                "  Duration: N/A, bitrate: N/A",
                "  Stream #0:0: Video: png, rgb24(pc), 320x240 [SAR 1:1 DAR 4:3], 25 fps, 25 tbr, 25 tbn, 25 tbc"));

        assertThat(report.isStillImage()).isTrue();
        assertThat(report.durationSeconds()).isNull();
        assertThat(report.video().width()).isEqualTo(320);
    }

    @Test
    void reportsWhyAFileCouldNotBeOpened() {
        ProbeReport report = ProbeOutputParser.parse(List.of(
                "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x3c2f4c40] moov atom not found",
                "/tmp/job/source: Invalid data found when processing input"));

        assertThat(report.opened()).isFalse();
        assertThat(report.container()).isNull();
        assertThat(report.video()).isNull();
        assertThat(report.errors()).containsExactly("moov atom not found",
                "/tmp/job/source: Invalid data found when processing input");
    }
}
