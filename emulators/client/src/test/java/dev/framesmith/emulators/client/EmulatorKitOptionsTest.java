package dev.framesmith.emulators.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmulatorKitOptionsTest {

    @Test
    void theKitRunsWithTheOptimizingCompilerSoThatCheckingUploadSignaturesUsesTheShaInstructions() {
        // The S3 stand-in checks the SHA-256 signature of every chunk of every upload: with the quick-start compiler
        // alone that cost about 9 s of processor time per GiB, and made streamed uploads CPU-bound.
        assertThat(EmulatorKit.JVM_OPTIONS).doesNotContain("-XX:TieredStopAtLevel=1")
                .contains("-Xmx512m", "-XX:+UseSerialGC");
    }
}
