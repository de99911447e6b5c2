package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void theRangeOutgoingConnectionsUseIsTheKernels() throws IOException {
        String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();

        assertThat(FreePorts.ephemeralStart()).isEqualTo(Integer.parseInt(range.split("\\s+")[0])).isGreaterThan(1024);
    }

    @Test
    void portsAreFreeDistinctAndBelowThatRange() throws IOException {
        List<Integer> ports = IntStream.range(0, 50).map(i -> FreePorts.pick()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port)
                .isBetween(FreePorts.LOWEST, FreePorts.ephemeralStart() - 1));
        for (int port : ports) {
            try (ServerSocket listening = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                assertThat(listening.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortSomethingListensOnIsNotFree() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree(listening.getLocalPort())).isFalse();
        }
    }
}
