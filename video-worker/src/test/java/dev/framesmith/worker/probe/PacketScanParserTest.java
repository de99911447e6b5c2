package dev.framesmith.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacketScanParserTest {

    @Test
    void findsTheLongestKeyframeDistanceAndTheEnd() {
        PacketScanParser scan = new PacketScanParser();
        List.of("#tb 0: 1/12800",
                "#media_type 0: video",
                "0,          0,          0,      512,     6684, 0x7210cd3a",
                "0,        512,        512,      512,      432, 0x11111111, F=0x0",
                "0,      25600,      25600,      512,     7964, 0x37c80272",
                "0,      26112,      26112,      512,      400, 0x22222222, F=0x0",
                "0,      76800,      76800,      512,     7691, 0x1723c35f, F=0x1",
                "0,      77312,      77824,      512,      300, 0x33333333, F=0x0",
                "0,      77824,      77312,      512,      300, 0x44444444, F=0x0").forEach(scan::accept);

        assertThat(scan.longestKeyframeInterval()).hasValue(4.0);
        assertThat(scan.end().getAsDouble()).isCloseTo(78336 / 12800.0, within(1e-9));
    }

    @Test
    void needsTwoKeyframesToTellTheirDistance() {
        PacketScanParser scan = new PacketScanParser();
        List.of("#tb 0: 1/1000",
                "0,          0,          0,       40,     6684, 0x7210cd3a",
                "0,         40,         40,       40,      432, 0x11111111, F=0x0").forEach(scan::accept);

        assertThat(scan.longestKeyframeInterval()).isEmpty();
        assertThat(scan.end()).hasValue(0.08);
    }

    @Test
    void saysNothingWithoutPackets() {
        PacketScanParser scan = new PacketScanParser();
        scan.accept("#tb 0: 1/1000");

        assertThat(scan.longestKeyframeInterval()).isEmpty();
        assertThat(scan.end()).isEmpty();
    }
}
