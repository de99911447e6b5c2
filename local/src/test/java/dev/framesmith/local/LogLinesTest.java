package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void shortensAStructuredLineToLevelMessageAndTheStartOfItsStackTrace() {
        String line = "{\"@timestamp\":\"2026-11-25T09:13:49Z\",\"message\":\"Application run failed: \\\"boom\\\"\","
                + "\"level\":\"ERROR\",\"stack_trace\":\"java.lang.IllegalStateException: boom\\n\\tat a.B.c(B.java:1)\"}";

        assertThat(LogLines.readable(line)).isEqualTo("ERROR Application run failed: \"boom\"\n"
                + "    java.lang.IllegalStateException: boom\n  at a.B.c(B.java:1)");
    }

    @Test
    void readsALineWithAVeryLongStackTrace() {
        String frames = "\\n\\tat a.B.c(B.java:1)".repeat(20_000);
        String line = "{\"message\":\"Job stopped\",\"level\":\"WARN\",\"stack_trace\":\"java.lang.Exception: x"
                + frames + "\"}";

        assertThat(LogLines.readable(line)).startsWith("WARN Job stopped\n    java.lang.Exception: x\n  at a.B.c")
                .endsWith(" ...");
    }

    @Test
    void leavesPlainLinesAlone() {
        assertThat(LogLines.readable("Error: Invalid or corrupt jarfile x.jar"))
                .isEqualTo("Error: Invalid or corrupt jarfile x.jar");
        assertThat(LogLines.readable("{\"no\":\"message\"}")).isEqualTo("{\"no\":\"message\"}");
    }
}
