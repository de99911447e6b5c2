package dev.framesmith.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContainerSnifferTest {

    @Test
    void namesVideoContainersByTheirFirstBytes() {
        assertThat(ContainerSniffer.sniff(bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'))).isEqualTo("mp4");
        assertThat(ContainerSniffer.sniff(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42))).isEqualTo("matroska");
        assertThat(ContainerSniffer.sniff(bytes('R', 'I', 'F', 'F', 1, 2, 3, 4, 'A', 'V', 'I', ' '))).isEqualTo("avi");
        assertThat(ContainerSniffer.sniff(bytes('F', 'L', 'V', 1, 5))).isEqualTo("flv");
        assertThat(ContainerSniffer.sniff(bytes(0, 0, 1, 0xBA, 0x44))).isEqualTo("mpeg");
        byte[] ts = new byte[512];
        ts[0] = 0x47;
        ts[188] = 0x47;
        ts[376] = 0x47;
        assertThat(ContainerSniffer.sniff(ts)).isEqualTo("mpegts");
    }

    @Test
    void namesNothingForOtherContent() {
        assertThat(ContainerSniffer.sniff("just some text, not a video".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ContainerSniffer.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isNull();
        assertThat(ContainerSniffer.sniff(new byte[0])).isNull();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
